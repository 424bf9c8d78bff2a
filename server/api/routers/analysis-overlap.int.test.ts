import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { datasets, modelVersions, trainingExamples } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { conversationAnalysisJob } from "@/server/jobs/definitions/conversation-analysis";
import type { RunningWorker } from "@/server/jobs/worker";
import { insertTrainingExamples } from "@/server/training/examples/store";
import { packTextHashes } from "@/server/training/versions/training-hashes";
import { deployIntentModel } from "@/test/analysis";
import { insertReadyDataset } from "@/test/datasets";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { startTestWorker, waitForJobState } from "@/test/jobs";
import { INTENT_MESSAGES } from "@/test/suggestion-model";
import { refundPolicyDraft } from "@/test/template-drafts";

/**
 * A run says how many of its compared messages the deployed version trained on
 * (server/analysis/service/training-overlap.ts), through the router and the job: only its own
 * workspace's examples count, only those from before the version, and a version that recorded
 * its training texts is compared with those alone.
 */
let db: Database;
let worker: RunningWorker;

beforeAll(async () => {
  db = await testDatabase();
  worker = await startTestWorker([conversationAnalysisJob]);
});
afterAll(async () => {
  await worker.stop({ timeoutMs: 5_000 });
});

describe("the training overlap of an analysis", () => {
  it("says how many compared messages were training examples of the deployed version, in its own workspace only", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Analysis overlap" });
    const { templateIdOf, versionId } = await deployIntentModel(db, owner);
    const ws = owner.workspace.id;
    // The known intents' messages as a labelled dataset: every row is compared (label → template).
    const rows = Object.entries(INTENT_MESSAGES).flatMap(([label, texts]) =>
      texts.map((text) => ({ kind: "example" as const, text, label })),
    );
    const datasetId = await insertReadyDataset(db, ws, { kind: "labelled", rows });
    const [version] = await withTenant(db, ws, async (tx) => {
      await tx
        .update(datasets)
        .set({ labelMapping: templateIdOf })
        .where(eq(datasets.id, datasetId));
      return tx
        .select({
          createdAt: modelVersions.createdAt,
          metrics: modelVersions.metrics,
          exampleCount: modelVersions.exampleCount,
        })
        .from(modelVersions)
        .where(eq(modelVersions.id, versionId));
    });
    if (!version) throw new Error("no version");
    const examples = (texts: readonly { text: string; label: string }[], idOf = templateIdOf) =>
      texts.map(({ text, label }) => ({
        text: ` ${text.toUpperCase()} `, // the same text to the model: case and spaces differ
        templateId: idOf[label] ?? "",
        source: "labelled" as const,
      }));
    const beforeTraining = new Date(version.createdAt.getTime() - 60_000);
    // Five rows were examples when the version was trained; two more were added after it.
    await withTenant(db, ws, async (tx) => {
      await insertTrainingExamples(tx, ws, examples(rows.slice(0, 5)));
      await tx.update(trainingExamples).set({ createdAt: beforeTraining });
      await insertTrainingExamples(tx, ws, examples(rows.slice(5, 7)));
    });
    // Another workspace has every row as an old training example: none of it counts here.
    const other = await signUpOwner(db, { workspaceName: "Analysis overlap other" });
    const otherTemplate = await other.caller.templates.create(refundPolicyDraft());
    await withTenant(db, other.workspace.id, async (tx) => {
      const all = rows.map((r) => ({ ...r, label: "any" }));
      await insertTrainingExamples(
        tx,
        other.workspace.id,
        examples(all, { any: otherTemplate.id }),
      );
      await tx.update(trainingExamples).set({ createdAt: beforeTraining });
    });

    const { runId, jobId } = await owner.caller.analysis.start({ source: "dataset", datasetId });
    const job = await waitForJobState(db, ws, jobId ?? "", ["completed", "failed"]);
    expect(job.state, job.error ?? "").toBe("completed");
    const run = await owner.caller.analysis.run({ runId });
    expect(run.summary?.comparedMessages).toBe(rows.length);
    const headline = (version.metrics as { headline?: { top1?: number | null } }).headline;
    expect(run.trainingOverlap).toEqual({
      messages: 5,
      compared: 5,
      trainedExamples: version.exampleCount,
      exact: false, // the fixture's version did not record its training texts
      heldOutTop1: headline?.top1 ?? null,
    });
    expect(run.trainingOverlap?.heldOutTop1).toEqual(expect.any(Number));
    const [listed] = await owner.caller.analysis.runs();
    expect(listed?.trainingOverlap).toEqual(run.trainingOverlap);

    // A version that recorded the texts it trained on is compared with those alone: three
    // other rows, whatever the examples table says.
    await withTenant(db, ws, (tx) =>
      tx
        .update(modelVersions)
        .set({ trainingTextHashes: packTextHashes(rows.slice(10, 13).map((r) => r.text)) })
        .where(eq(modelVersions.id, versionId)),
    );
    const again = await owner.caller.analysis.start({ source: "dataset", datasetId });
    await waitForJobState(db, ws, again.jobId ?? "", ["completed"]);
    expect((await owner.caller.analysis.run({ runId: again.runId })).trainingOverlap).toMatchObject(
      { messages: 3, compared: 3, exact: true },
    );

    // No deployed model, no overlap: the other workspace's run of its own copy of the rows.
    const otherDataset = await insertReadyDataset(db, other.workspace.id, {
      kind: "labelled",
      rows,
    });
    const otherRun = await other.caller.analysis.start({
      source: "dataset",
      datasetId: otherDataset,
    });
    await waitForJobState(db, other.workspace.id, otherRun.jobId ?? "", ["completed"]);
    expect((await other.caller.analysis.run({ runId: otherRun.runId })).trainingOverlap).toBeNull();
  }, 60_000);
});
