import { MockEmbeddingModelV3 } from "ai/test";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { aiCalls } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { AiSettingsInput } from "@/server/ai/settings";
import { loadTrainingExamples } from "@/server/training/examples/store";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { mockRegistry } from "@/test/ai";
import { testDatabase } from "@/test/db";
import { callerFor, signUpOwner } from "@/test/factories";
import { REFUND_TEXTS, saveTrainedModel, seedTwoTemplateExamples } from "@/test/training";

/**
 * Issue #12 §6, serving: a deployed model trained with provider embeddings as extra features
 * gets the message's embedding when the workspace's switch is on. The mock embedder points
 * refund texts one way and every other text another, unless `steer` overrides it: a message whose
 * words the model does not know ("Zanzibar") is then suggested by its embedding alone.
 */
let db: Database;
let steer: number[] | null = null;
let failing = false;
const refundWords = new Set(REFUND_TEXTS.join(" ").split(" "));
function vectorOf(text: string): number[] {
  if (steer) return steer;
  const refund = text.split(" ").some((w) => refundWords.has(w) && w.length > 4);
  return refund ? [0, 1, 0.1, 0.1] : [1, 0, 0.1, 0.1];
}
const embedder = new MockEmbeddingModelV3({
  doEmbed: async ({ values }) => {
    if (failing) throw new Error("provider unavailable");
    return { embeddings: values.map(vectorOf), usage: { tokens: values.length * 3 }, warnings: [] };
  },
});
const registry = mockRegistry({ embedding: embedder });
const settings = (embeddingFeatures: boolean): AiSettingsInput => ({
  enabled: true,
  provider: "default",
  models: {},
  dailyCallLimit: null,
  dailyTokenLimit: null,
  embeddingFeatures,
});

/** A workspace with a deployed model trained with (or without) the embedding block. */
async function deployed(name: string, withBlock: boolean, ai = registry) {
  const signedUp = await signUpOwner(db, { workspaceName: name });
  const caller = await callerFor(
    db,
    { user: signedUp.user, slug: signedUp.workspace.slug },
    { ai },
  );
  const ws = signedUp.workspace;
  const ids = await seedTwoTemplateExamples(db, caller, ws.id);
  const examples = await withTenant(db, ws.id, (tx) => loadTrainingExamples(tx));
  const model = trainModel(
    examples.map((e) => ({ text: e.text, label: e.templateId })),
    { ...DEFAULT_TRAINING, refit: false, heldOutFraction: 0 },
    withBlock
      ? { extraDense: { model: "mock/mock-embed", vectors: examples.map((e) => vectorOf(e.text)) } }
      : {},
  );
  const version = await saveTrainedModel(db, ws.id, model, examples.length);
  await caller.training.deploy({ versionId: version.id });
  return { caller, ws, ids };
}

const embedCalls = (workspaceId: string) =>
  db
    .select()
    .from(aiCalls)
    .where(and(eq(aiCalls.workspaceId, workspaceId), eq(aiCalls.useCase, "embed")));

beforeAll(async () => {
  db = await testDatabase();
});

describe("provider embeddings as model features, when suggesting", () => {
  it("embeds the message only for the workspace whose model and switch ask for it", async () => {
    const a = await deployed("Embed A", true);
    const b = await deployed("Embed B", false);
    await a.caller.ai.settings.update(settings(true));
    const message = "Zanzibar";
    const before = embedder.doEmbedCalls.length;

    steer = [0, 1, 0.1, 0.1];
    const refund = await a.caller.suggestions.forMessage({ message, limit: 2 });
    steer = [1, 0, 0.1, 0.1];
    const order = await a.caller.suggestions.forMessage({ message, limit: 2 });
    steer = null;
    expect(refund.warnings).toEqual([]);
    expect(refund.suggestions[0]?.templateId).toBe(a.ids.refundId);
    expect(order.suggestions[0]?.templateId).toBe(a.ids.orderId);
    expect(refund.suggestions[0]?.reasons.modelProbability).toBeGreaterThan(0.6);
    expect(embedder.doEmbedCalls.length - before).toBe(2);
    expect(embedder.doEmbedCalls.at(-1)?.values).toEqual([message]);
    const calls = await embedCalls(a.ws.id);
    expect(calls.map((c) => [c.label, c.outcome])).toEqual([
      ["suggestions.embed", "ok"],
      ["suggestions.embed", "ok"],
    ]);

    // B: no block in its model, switch off; A's switch changes nothing for it.
    const plain = await b.caller.suggestions.forMessage({
      message: "where is my parcel",
      limit: 2,
    });
    expect(plain.suggestions[0]?.templateId).toBe(b.ids.orderId);
    expect(plain.warnings).toEqual([]);
    await b.caller.ai.settings.update(settings(true));
    await b.caller.suggestions.forMessage({ message: "where is my parcel", limit: 2 });
    expect(embedder.doEmbedCalls.length - before).toBe(2);
    expect(await embedCalls(b.ws.id)).toEqual([]);
  });

  it("suggests from the words alone and says why when the embedding fails or is off", async () => {
    const c = await deployed("Embed C", true);
    await c.caller.ai.settings.update(settings(true));
    failing = true;
    const failed = await c.caller.suggestions.forMessage({ message: "refund please", limit: 2 });
    failing = false;
    expect(failed.suggestions[0]?.templateId).toBe(c.ids.refundId);
    expect(failed.warnings).toEqual([
      expect.stringMatching(/^AI embedding failed \(.*\): suggested from the words alone\.$/),
    ]);
    expect((await embedCalls(c.ws.id)).map((r) => r.outcome)).not.toContain("ok");

    await c.caller.ai.settings.update(settings(false));
    const before = embedder.doEmbedCalls.length;
    const off = await c.caller.suggestions.forMessage({ message: "refund please", limit: 2 });
    expect(embedder.doEmbedCalls.length).toBe(before);
    expect(off.suggestions[0]?.templateId).toBe(c.ids.refundId);
    expect(off.warnings).toEqual([expect.stringMatching(/now switched off \(Settings → AI\)/)]);
  });

  it("gives up after the 1 s budget and still suggests", async () => {
    const hanging = new MockEmbeddingModelV3({
      doEmbed: ({ abortSignal }) =>
        new Promise((_, reject) => {
          abortSignal?.addEventListener("abort", () => reject(abortSignal.reason), { once: true });
        }),
    });
    const d = await deployed("Embed D", true, mockRegistry({ embedding: hanging }));
    const { caller } = d;
    await caller.ai.settings.update(settings(true));
    const started = performance.now();
    const answer = await caller.suggestions.forMessage({ message: "refund please", limit: 2 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(answer.suggestions[0]?.templateId).toBe(d.ids.refundId);
    expect(answer.warnings).toEqual([
      "AI embedding did not answer within 1 s: suggested from the words alone.",
    ]);
    const [call] = await embedCalls(d.ws.id);
    expect(call?.outcome).toBe("timed_out");
  });
});
