import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { readRows } from "@/db/migrate";
import { jobSteps } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { signUpOwner } from "@/test/factories";
import { enqueueAsSystem, jobRun, waitFor, waitForJobState } from "@/test/jobs";
import { readSse } from "@/test/sse";
import { signalGroup, spawnWorker } from "@/test/worker-process";
import { stepsJob } from "./definitions/diagnostics";
import { enqueueJob } from "./enqueue";
import { jobEventsResponse } from "./job-events-stream";

const SYSTEM = { type: "system", label: "system" } as const;

/** SIGTERM to the group (as an orchestrator does): the worker logs its clean stop. */
async function stopGracefully(worker: Awaited<ReturnType<typeof spawnWorker>>) {
  signalGroup(worker.child, "SIGTERM");
  await waitFor(async () => worker.output().includes("worker stopped"), {
    ms: 40_000,
    what: "the worker to stop",
  });
}

async function stepRows(workspaceId: string, jobId: string) {
  const { db } = await getDatabase();
  return withTenant(db, workspaceId, (tx) =>
    tx
      .select({ step: jobSteps.step })
      .from(jobSteps)
      .where(and(eq(jobSteps.workspaceId, workspaceId), eq(jobSteps.jobId, jobId))),
  );
}

describe("npm run worker (PostgreSQL)", () => {
  it("runs jobs enqueued by another process; progress reaches an SSE subscriber here through NOTIFY", async () => {
    const handle = await getDatabase();
    const { user, workspace } = await signUpOwner(handle.db);
    const worker = await spawnWorker(handle.db);
    try {
      const jobId = await enqueueAsSystem(handle.db, stepsJob, {
        workspaceId: workspace.id,
        actor: SYSTEM,
        steps: 4,
        stepMs: 200,
      });
      const url = new URL(
        `http://parley.test/api/jobs/${jobId}/events?workspace=${workspace.slug}`,
      );
      const response = await jobEventsResponse({
        handle,
        request: new Request(url),
        jobId,
        getSessionUser: async () => user,
        ip: null,
        // Polling off in practice: only NOTIFY can wake this stream within the test.
      });
      const { events } = await readSse(response, { timeoutMs: 30_000 });
      expect(events.filter((e) => e.event === "progress").map((e) => e.data.progress)).toEqual([
        25, 50, 75, 100,
      ]);
      expect(events.at(-1)?.event).toBe("done");
      expect((await jobRun(handle.db, workspace.id, jobId))?.state).toBe("completed");
    } finally {
      await stopGracefully(worker);
    }
  }, 90_000);

  it("a job whose worker is SIGKILLed mid-job completes exactly once after a restart", async () => {
    const handle = await getDatabase();
    const { workspace } = await signUpOwner(handle.db);
    const first = await spawnWorker(handle.db);
    const steps = 10;
    const queued = await runInWorkspace(
      handle.db,
      await systemAccess(handle.db, workspace.id),
      (scope) =>
        enqueueJob(
          scope,
          stepsJob,
          { workspaceId: workspace.id, actor: SYSTEM, steps, stepMs: 300 },
          // Short timeout: the job of a dead worker is handed back once it passes.
          { timeoutSeconds: 5 },
        ),
    );
    const jobId = queued?.jobId as string;
    await waitFor(async () => (await stepRows(workspace.id, jobId)).length >= 3, {
      what: "three steps",
    });
    signalGroup(first.child, "SIGKILL");
    const killedAt = Date.now();
    await first.exited;
    const beforeRestart = (await stepRows(workspace.id, jobId)).length;
    expect(beforeRestart).toBeLessThan(steps);

    const second = await spawnWorker(handle.db);
    try {
      const run = await waitForJobState(
        handle.db,
        workspace.id,
        jobId,
        ["completed", "failed"],
        60_000,
      );
      const recoveredMs = Date.now() - killedAt;
      expect(run.state).toBe("completed");
      expect(run.attempts).toBe(2);
      const rows = await stepRows(workspace.id, jobId);
      expect(rows.map((r) => r.step).sort((a, b) => a - b)).toEqual(
        Array.from({ length: steps }, (_, i) => i + 1),
      );
      const result = run.result as { ranThisAttempt: number };
      // The second attempt ran exactly the steps the first had not committed.
      expect(result.ranThisAttempt).toBe(steps - beforeRestart);
      const [boss] = readRows<{ state: string }>(
        await handle.db.execute(sql`select state from pgboss.job where id = ${jobId}`),
      );
      expect(boss?.state).toBe("completed");
      process.stdout.write(
        `crash test: killed after ${beforeRestart} of ${steps} steps; completed ${recoveredMs} ms after the kill\n`,
      );
    } finally {
      await stopGracefully(second);
    }
  }, 120_000);

  it("on SIGTERM lets the running job finish before it exits", async () => {
    const handle = await getDatabase();
    const { workspace } = await signUpOwner(handle.db);
    const worker = await spawnWorker(handle.db, { WORKER_SHUTDOWN_SECONDS: "20" });
    const jobId = await enqueueAsSystem(handle.db, stepsJob, {
      workspaceId: workspace.id,
      actor: SYSTEM,
      steps: 5,
      stepMs: 400,
    });
    await waitFor(async () => (await stepRows(workspace.id, jobId)).length >= 1, {
      what: "the first step",
    });
    signalGroup(worker.child, "SIGTERM");
    await waitFor(async () => worker.output().includes("worker stopped"), {
      ms: 40_000,
      what: "the worker to stop",
    }).catch((error: Error) => {
      throw new Error(`${error.message}; its output:\n${worker.output()}`);
    });
    const run = await jobRun(handle.db, workspace.id, jobId);
    expect(run?.state).toBe("completed");
    expect(run?.attempts).toBe(1);
    expect((await stepRows(workspace.id, jobId)).length).toBe(5);
  }, 90_000);
});
