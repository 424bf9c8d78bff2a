import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { readRows } from "@/db/migrate";
import { withTenant } from "@/db/tenant";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { modelTrainingJob } from "@/server/jobs/definitions/model-training";
import { enqueueJob } from "@/server/jobs/enqueue";
import { jobEventsResponse } from "@/server/jobs/job-events-stream";
import { getDeployedModelStamp } from "@/server/training/versions/deployed";
import { bankingRows, loadBankingExamples } from "@/test/banking";
import { signUpOwner } from "@/test/factories";
import { waitFor, waitForJobState } from "@/test/jobs";
import { readSse } from "@/test/sse";
import { signalGroup, spawnWorker } from "@/test/worker-process";

/**
 * Issue #9, "Must show", on PostgreSQL with `npm run worker` as its own process: BANKING77
 * (../shared/datasets/banking77, as bench/model.ts finds it) as labelled examples, trained by the
 * job, watched over SSE, evaluated on test.csv, deployed; and a worker SIGKILLed mid-training.
 */
const TRAINING_ONLY = { JOBS_QUEUES: "model-training" };

async function stopGracefully(worker: Awaited<ReturnType<typeof spawnWorker>>) {
  signalGroup(worker.child, "SIGTERM");
  await waitFor(async () => worker.output().includes("worker stopped"), {
    ms: 40_000,
    what: "the worker to stop",
  });
}

async function countRows(workspaceId: string) {
  const { db } = await getDatabase();
  const [row] = readRows<Record<string, number>>(
    await db.execute(sql`select
      (select count(*)::int from model_versions where workspace_id = ${workspaceId}) as versions,
      (select count(*)::int from scenario_runs where workspace_id = ${workspaceId}) as runs,
      (select count(*)::int from scenario_results where workspace_id = ${workspaceId}) as results,
      (select count(*)::int from audit_log where workspace_id = ${workspaceId}
        and action = 'model.train') as audits,
      (select count(*)::int from job_steps where workspace_id = ${workspaceId}) as steps`),
  );
  return row;
}

describe("training BANKING77 through the routers and the worker process (PostgreSQL)", () => {
  it("trains on train.csv, streams rising progress to done, evaluates test.csv, deploys", async () => {
    const handle = await getDatabase();
    const { user, workspace, caller } = await signUpOwner(handle.db);
    const loaded = await loadBankingExamples(handle.db, caller, workspace.id, "train.csv");
    expect(loaded.labels).toBe(77);
    const worker = await spawnWorker(handle.db, TRAINING_ONLY);
    try {
      const started = performance.now();
      const { jobId } = await caller.training.start({});
      const url = new URL(
        `http://parley.test/api/jobs/${jobId}/events?workspace=${workspace.slug}`,
      );
      const { events } = await readSse(
        await jobEventsResponse({
          handle,
          request: new Request(url),
          jobId,
          getSessionUser: async () => user,
          ip: null,
        }),
        { timeoutMs: 180_000 },
      );
      const seconds = (performance.now() - started) / 1000;
      const progress = events
        .filter((e) => e.event === "progress")
        .map((e) => Number(e.data.progress));
      expect(progress.length).toBeGreaterThan(10);
      expect([...progress].sort((a, b) => a - b)).toEqual(progress);
      expect(events.at(-1)?.event).toBe("done");
      const result = events.at(-1)?.data.data as { versionId: string; top1: number };
      expect(result.top1).toBeGreaterThan(0.88);

      const test = bankingRows("test.csv");
      const evaluated = await caller.training.evaluate({
        versionId: result.versionId,
        rows: test.map((r) => ({ text: r.text, label: r.label })),
      });
      expect(evaluated.scored).toBe(3080);
      expect(evaluated.top1).toBeGreaterThanOrEqual(0.9);
      await caller.training.deploy({ versionId: result.versionId });
      expect(await withTenant(handle.db, workspace.id, (tx) => getDeployedModelStamp(tx))).toEqual({
        versionId: result.versionId,
        version: 1,
      });
      process.stdout.write(
        `banking77 full: job ${seconds.toFixed(1)} s end to end; held-out top-1 ${result.top1.toFixed(4)}; test.csv top-1 ${evaluated.top1.toFixed(4)} top-3 ${evaluated.top3.toFixed(4)}\n`,
      );
      // The budget is 60 s on an idle machine; a shared CI box gets twice that before failing.
      expect(seconds).toBeLessThan(120);
    } finally {
      await stopGracefully(worker);
    }
  }, 400_000);

  it("a worker SIGKILLed mid-training: the retry finishes once, one version, no duplicate rows", async () => {
    const handle = await getDatabase();
    const { workspace, caller } = await signUpOwner(handle.db);
    const loaded = await loadBankingExamples(handle.db, caller, workspace.id, "train_10shot.csv");
    const firstTemplate = [...loaded.idOf.values()][0] ?? "";
    await caller.training.scenarios.create({
      text: "my card has not arrived yet",
      templateId: firstTemplate,
      difficulty: "easy",
      tags: [],
    });
    const first = await spawnWorker(handle.db, TRAINING_ONLY);
    const queued = await runInWorkspace(
      handle.db,
      await systemAccess(handle.db, workspace.id),
      (scope) =>
        enqueueJob(
          scope,
          modelTrainingJob,
          {
            workspaceId: workspace.id,
            actor: { type: "system", label: "system" },
            datasetIds: [],
            deploy: true,
            scenariosInTraining: false,
          },
          // Short timeout: the job of a dead worker is handed back once it passes.
          { timeoutSeconds: 30 },
        ),
    );
    const jobId = queued?.jobId as string;
    await waitFor(
      async () => {
        const p = await caller.training.progress({ jobId });
        return p.step >= 3;
      },
      { ms: 120_000, every: 50, what: "the train step" },
    );
    signalGroup(first.child, "SIGKILL");
    await first.exited;
    expect((await countRows(workspace.id))?.versions).toBe(0);

    const second = await spawnWorker(handle.db, TRAINING_ONLY);
    try {
      const run = await waitForJobState(
        handle.db,
        workspace.id,
        jobId,
        ["completed", "failed"],
        180_000,
      );
      expect(run.state, run.error ?? "").toBe("completed");
      expect(run.attempts).toBe(2);
      expect(await countRows(workspace.id)).toEqual({
        versions: 1,
        runs: 1,
        results: 1,
        audits: 1,
        steps: 1,
      });
      // The retry held the bar at the first attempt's figure: it never went backwards.
      const log = (await caller.training.progress({ jobId })).log;
      const percents = log.filter((l) => l.kind === "progress").map((l) => l.progress ?? 0);
      expect([...percents].sort((a, b) => a - b)).toEqual(percents);
      const stamp = await withTenant(handle.db, workspace.id, (tx) => getDeployedModelStamp(tx));
      expect(stamp?.version).toBe(1);
      const evaluated = await caller.training.evaluate({ rows: bankingRows("test.csv") });
      expect(evaluated.top1).toBeGreaterThanOrEqual(0.74);
      process.stdout.write(
        `banking77 10-shot after a SIGKILL mid-training: test.csv top-1 ${evaluated.top1.toFixed(4)} top-3 ${evaluated.top3.toFixed(4)}\n`,
      );
    } finally {
      await stopGracefully(second);
    }
  }, 400_000);
});
