import { MockEmbeddingModelV3 } from "ai/test";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { aiCalls } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { AiSettingsInput } from "@/server/ai/settings";
import { modelTrainingJob } from "@/server/jobs/definitions/model-training";
import type { RunningWorker } from "@/server/jobs/worker";
import { makeModelTrainingJob } from "@/server/training/jobs/train-job-handler";
import { deserializeModel } from "@/server/training/model/serialize";
import { loadModelArtifact } from "@/server/training/versions/deployed";
import { mockRegistry } from "@/test/ai";
import { testDatabase } from "@/test/db";
import { callerFor, signUpOwner } from "@/test/factories";
import { startTestWorker, waitForJobState } from "@/test/jobs";
import { seedTwoTemplateExamples } from "@/test/training";

/**
 * Issue #12 §6, training: with the workspace's switch on, the training job embeds the examples
 * (outside any transaction, usage rows "training.embed") and the model gets the extra block;
 * a failing embedder trains without it and says so; a workspace with the switch off makes no
 * call and gets the plain model, whatever another workspace chose.
 */
let db: Database;
let worker: RunningWorker;
let failing = false;
const embedder = new MockEmbeddingModelV3({
  maxEmbeddingsPerCall: 2048,
  doEmbed: async ({ values }) => {
    if (failing) throw new Error("provider unavailable");
    return {
      embeddings: values.map((v) => [v.length / 40, v.includes("refund") ? 1 : 0, 0.2]),
      usage: { tokens: values.length * 4 },
      warnings: [],
    };
  },
});
const registry = mockRegistry({ embedding: embedder });
const embeddingsOn: AiSettingsInput = {
  enabled: true,
  provider: "default",
  models: {},
  dailyCallLimit: null,
  dailyTokenLimit: null,
  embeddingFeatures: true,
};

beforeAll(async () => {
  db = await testDatabase();
  worker = await startTestWorker([
    { ...modelTrainingJob, handler: async () => makeModelTrainingJob({ ai: () => registry }) },
  ]);
});
afterAll(async () => {
  await worker.stop({ timeoutMs: 5_000 });
});

async function workspace(name: string) {
  const signedUp = await signUpOwner(db, { workspaceName: name });
  const caller = await callerFor(
    db,
    { user: signedUp.user, slug: signedUp.workspace.slug },
    { ai: registry },
  );
  await seedTwoTemplateExamples(db, caller, signedUp.workspace.id);
  return { caller, ws: signedUp.workspace };
}

async function train(w: Awaited<ReturnType<typeof workspace>>) {
  const { jobId } = await w.caller.training.start({});
  const run = await waitForJobState(db, w.ws.id, jobId, ["completed", "failed"], 60_000);
  expect(run.state, run.error ?? "").toBe("completed");
  const progress = await w.caller.training.progress({ jobId });
  const versionId = progress.version?.id ?? "";
  const version = await w.caller.training.version({ id: versionId });
  const artefact = await withTenant(db, w.ws.id, (tx) => loadModelArtifact(tx, versionId));
  if (!artefact) throw new Error("no artefact");
  return {
    messages: progress.log.map((l) => l.message ?? ""),
    config: version.config as { embeddingFeatures?: unknown },
    model: deserializeModel(artefact.bytes),
  };
}

const embedCalls = (workspaceId: string) =>
  db
    .select()
    .from(aiCalls)
    .where(and(eq(aiCalls.workspaceId, workspaceId), eq(aiCalls.useCase, "embed")));

describe("training with provider embeddings as features", () => {
  it("adds the block only for the workspace that turned it on", async () => {
    const a = await workspace("Embed train A");
    const b = await workspace("Embed train B");
    await a.caller.ai.settings.update(embeddingsOn);
    const before = embedder.doEmbedCalls.length;

    const withBlock = await train(a);
    expect(withBlock.model.extraDense).toEqual({ model: "mock/mock-embed", dims: 3, weight: 1 });
    expect(withBlock.config.embeddingFeatures).toEqual({ model: "mock/mock-embed", dims: 3 });
    expect(withBlock.messages).toContain("Embedded 20 examples with mock/mock-embed");
    expect(embedder.doEmbedCalls.length - before).toBe(1);
    expect(embedder.doEmbedCalls.at(-1)?.values).toHaveLength(20);
    expect((await embedCalls(a.ws.id)).map((c) => [c.label, c.outcome])).toEqual([
      ["training.embed", "ok"],
    ]);

    const plain = await train(b);
    expect(plain.model.extraDense).toBeUndefined();
    expect(plain.config.embeddingFeatures).toBe("off");
    expect(embedder.doEmbedCalls.length - before).toBe(1);
    expect(await embedCalls(b.ws.id)).toEqual([]);
  }, 120_000);

  it("trains without the block and says why when embedding fails", async () => {
    const c = await workspace("Embed train C");
    await c.caller.ai.settings.update(embeddingsOn);
    failing = true;
    const result = await train(c).finally(() => {
      failing = false;
    });
    expect(result.model.extraDense).toBeUndefined();
    expect(result.config.embeddingFeatures).toEqual({
      failed: expect.stringMatching(/^embedding the examples failed: /),
    });
    expect(result.messages).toContainEqual(
      expect.stringMatching(/^Training without AI embeddings: embedding the examples failed/),
    );
  }, 120_000);
});
