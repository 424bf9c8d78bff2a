import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { analysisRuns, jobRuns, knowledgeGaps, modelVersions } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { runConversationAnalysisJob } from "@/server/analysis/service/job-handler";
import { SILENT_JOB_SECONDS, STALE_RUN_ERROR } from "@/server/analysis/service/queries";
import { type JobContext, PermanentJobError } from "@/server/jobs/define-job";
import { deployIntentModel, insertPlantedDataset } from "@/test/analysis";
import { testDatabase } from "@/test/db";
import { type Caller, signUpOwner } from "@/test/factories";

/**
 * A run never stays "running" once nothing can finish it: the job's last attempt failing (here
 * its timeout, which terminates the computing worker) marks it failed with the reason; a run
 * whose job ended, or whose job went silent past its timeout (the process died), reads as
 * failed in `analysis.runs`/`analysis.run`, and as running again when a retry picks it up.
 * Runs carry their job id and, while running, the job's progress.
 */
let db: Database;
let owner: Caller;
let workspaceId: string;
let other: Caller;

beforeAll(async () => {
  db = await testDatabase();
  const signed = await signUpOwner(db, { workspaceName: "Analysis stale" });
  owner = signed.caller;
  workspaceId = signed.workspace.id;
  other = (await signUpOwner(db, { workspaceName: "Analysis stale other" })).caller;
});

/** What run-job.ts gives a handler (its timer aborts the signal with "timed out"). */
function jobContext(
  workspace: string,
  signal: AbortSignal,
  lastAttempt: boolean,
  progress: JobContext["progress"] = async () => {},
): JobContext {
  return {
    db,
    jobId: randomUUID(),
    workspaceId: workspace,
    attempt: lastAttempt ? 3 : 1,
    lastAttempt,
    signal,
    progress,
    step: async () => false,
    run: async (fn) => runInWorkspace(db, await systemAccess(db, workspace), fn),
    input: async () => null,
  };
}

async function storedRun(workspace: string, runId: string) {
  const [stored] = await withTenant(db, workspace, (tx) =>
    tx
      .select({ status: analysisRuns.status, error: analysisRuns.error })
      .from(analysisRuns)
      .where(eq(analysisRuns.id, runId)),
  );
  return stored;
}

async function insertRun(workspace: string, datasetId: string) {
  const [run] = await withTenant(db, workspace, (tx) =>
    tx
      .insert(analysisRuns)
      .values({ workspaceId: workspace, source: "dataset", datasetId, status: "running" })
      .returning({ id: analysisRuns.id }),
  );
  return run?.id ?? "";
}

const setJob = (jobId: string, values: Partial<typeof jobRuns.$inferInsert>) =>
  withTenant(db, workspaceId, (tx) => tx.update(jobRuns).set(values).where(eq(jobRuns.id, jobId)));

async function listed(runId: string) {
  const run = (await owner.analysis.runs()).find((r) => r.id === runId);
  const one = await owner.analysis.run({ runId });
  expect(run && { status: run.status, error: run.error }).toEqual({
    status: one.status,
    error: one.error,
  });
  return one;
}

describe("stale analysis runs", () => {
  it("read as failed once their job ended or went silent, and as running when it resumes", async () => {
    const datasetId = await insertPlantedDataset(db, workspaceId);
    // No job worker runs here: the job stays queued.
    const started = await owner.analysis.start({ source: "dataset", datasetId });
    const { runId } = started;
    const jobId = started.jobId ?? "";
    expect(jobId).not.toBe("");
    let run = await listed(runId);
    expect(run).toMatchObject({ status: "running", jobId, progress: 0, error: null });

    await setJob(jobId, { state: "active", progress: 35, updatedAt: new Date() });
    expect(await listed(runId)).toMatchObject({ status: "running", progress: 35 });

    // The process running it died: active, but silent for longer than the job's timeout.
    const silentSince = new Date(Date.now() - (SILENT_JOB_SECONDS + 60) * 1000);
    await setJob(jobId, { updatedAt: silentSince });
    run = await listed(runId);
    expect(run).toMatchObject({ status: "failed", progress: null, error: STALE_RUN_ERROR });

    // A retry picked it up: running again (the row itself was never changed).
    await setJob(jobId, { state: "active", updatedAt: new Date() });
    expect(await listed(runId)).toMatchObject({ status: "running", error: null });

    // The job failed for good (e.g. its process died on the last attempt and pg-boss gave up).
    await setJob(jobId, { state: "failed", error: "worker lost" });
    expect(await listed(runId)).toMatchObject({ status: "failed", error: "worker lost" });

    // Another workspace sees neither the run nor its job's progress.
    expect(await other.analysis.runs()).toEqual([]);
  });

  it("a run without a job row reads as failed only after every attempt would have timed out", async () => {
    const insert = (createdAt: Date) =>
      withTenant(db, workspaceId, (tx) =>
        tx
          .insert(analysisRuns)
          .values({ workspaceId, source: "inbox", status: "running", createdAt })
          .returning({ id: analysisRuns.id }),
      );
    const [recent] = await insert(new Date());
    const [ancient] = await insert(new Date(Date.now() - 24 * 3_600_000));
    expect((await listed(recent?.id ?? "")).status).toBe("running");
    expect(await listed(ancient?.id ?? "")).toMatchObject({
      status: "failed",
      error: STALE_RUN_ERROR,
    });
  });

  it("the last attempt timing out terminates the computation and marks the run failed", async () => {
    const datasetId = await insertPlantedDataset(db, workspaceId, "Timed out");
    const runId = await insertRun(workspaceId, datasetId);
    const controller = new AbortController();
    const steps: string[] = [];
    const context = jobContext(workspaceId, controller.signal, true, async (_percent, message) => {
      steps.push(message ?? "");
      if (message?.startsWith("Clustering")) controller.abort(new Error("timed out"));
    });
    await expect(
      runConversationAnalysisJob(context, {
        workspaceId,
        actor: { type: "system", label: "system" },
        runId,
      }),
    ).rejects.toThrow("timed out");
    // Nothing after the clustering step was reported: the worker was terminated.
    expect(steps.at(-1)).toMatch(/^Clustering/);
    expect(await storedRun(workspaceId, runId)).toEqual({ status: "failed", error: "timed out" });
    const gaps = await withTenant(db, workspaceId, (tx) =>
      tx.select({ id: knowledgeGaps.id }).from(knowledgeGaps).where(eq(knowledgeGaps.runId, runId)),
    );
    expect(gaps).toEqual([]);
  });

  it("an error in the computation fails the run at once, with its message, on the first attempt", async () => {
    const signed = await signUpOwner(db, { workspaceName: "Analysis broken model" });
    const ws = signed.workspace.id;
    const { versionId } = await deployIntentModel(db, signed);
    // The deployed artefact is unreadable: deserialising it throws inside the worker.
    await withTenant(db, ws, (tx) =>
      tx
        .update(modelVersions)
        .set({ artifact: Buffer.from("not a model at all") })
        .where(eq(modelVersions.id, versionId)),
    );
    const runId = await insertRun(ws, await insertPlantedDataset(db, ws));
    const failing = runConversationAnalysisJob(
      jobContext(ws, new AbortController().signal, false),
      {
        workspaceId: ws,
        actor: { type: "system", label: "system" },
        runId,
      },
    );
    await expect(failing).rejects.toBeInstanceOf(PermanentJobError);
    expect(await storedRun(ws, runId)).toEqual({
      status: "failed",
      error: "analysis failed: not a Parley model (bad magic)",
    });
  });
});
