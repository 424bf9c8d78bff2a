import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { jobEvents, jobSteps } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { enqueueAsSystem, jobRun, startTestWorker, waitForJobState } from "@/test/jobs";
import { basePayloadSchema, defineJob, PermanentJobError } from "./define-job";
import { stepsJob as registeredStepsJob } from "./definitions/diagnostics";
import { enqueueJob } from "./enqueue";
import type { RunningWorker } from "./worker";

const SYSTEM = { type: "system", label: "system" } as const;
// Its own queue: on PostgreSQL other test files' workers share the database.
const stepsJob = { ...registeredStepsJob, name: "test-steps-core" };

// A job type for these tests only: fails as its payload says.
const flakyPayload = basePayloadSchema.extend({ failTimes: z.number(), permanent: z.boolean() });
const attempts = new Map<string, number>();
const flakyJob = defineJob({
  name: "test-flaky",
  title: "Flaky (test)",
  payload: flakyPayload,
  handler: async () => async (context, payload) => {
    const n = (attempts.get(context.jobId) ?? 0) + 1;
    attempts.set(context.jobId, n);
    if (payload.permanent) throw new PermanentJobError("bad input");
    if (n <= payload.failTimes) throw new Error(`attempt ${n} failed`);
    return { attempts: n };
  },
  timeoutSeconds: 30,
  retryLimit: 2,
  retryDelaySeconds: 0,
  batchSize: 5,
});

let db: Database;
let worker: RunningWorker;
beforeAll(async () => {
  db = await testDatabase();
  worker = await startTestWorker([stepsJob, flakyJob]);
});
afterAll(async () => {
  await worker.stop({ timeoutMs: 2_000 });
});

async function pgbossJob(id: string) {
  const rows = readRows<{ state: string; retry_count: number }>(
    await db.execute(sql`select state, retry_count from pgboss.job where id = ${id}`),
  );
  return rows[0];
}

describe("jobs", () => {
  it("runs a job's steps once each, with progress rising to 100 and a done event", async () => {
    const { workspace } = await signUpOwner(db);
    const jobId = await enqueueAsSystem(db, stepsJob, {
      workspaceId: workspace.id,
      actor: SYSTEM,
      steps: 4,
      stepMs: 10,
    });
    const run = await waitForJobState(db, workspace.id, jobId, ["completed", "failed"]);
    expect(run.state).toBe("completed");
    expect(run.progress).toBe(100);
    const events = await withTenant(db, workspace.id, (tx) =>
      tx.select().from(jobEvents).where(eq(jobEvents.jobId, jobId)).orderBy(jobEvents.id),
    );
    expect(events.map((e) => e.kind)).toEqual([
      "progress",
      "progress",
      "progress",
      "progress",
      "done",
    ]);
    expect(events.map((e) => e.progress)).toEqual([25, 50, 75, 100, 100]);
    const steps = await withTenant(db, workspace.id, (tx) =>
      tx
        .select()
        .from(jobSteps)
        .where(and(eq(jobSteps.jobId, jobId))),
    );
    expect(steps.map((s) => s.step).sort()).toEqual([1, 2, 3, 4]);
  });

  it("enqueues nothing when the enqueueing transaction rolls back", async () => {
    const { workspace } = await signUpOwner(db);
    let jobId: string | undefined;
    await expect(
      runInWorkspace(db, await systemAccess(db, workspace.id), async (scope) => {
        const queued = await enqueueJob(scope, stepsJob, {
          workspaceId: workspace.id,
          actor: SYSTEM,
          steps: 1,
          stepMs: 0,
        });
        jobId = queued?.jobId;
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(jobId).toBeDefined();
    expect(await pgbossJob(jobId as string)).toBeUndefined();
    expect(await jobRun(db, workspace.id, jobId as string)).toBeUndefined();
  });

  it("retries a failing job and completes it; a permanent error fails at once", async () => {
    const { workspace } = await signUpOwner(db);
    const retried = await enqueueAsSystem(db, flakyJob, {
      workspaceId: workspace.id,
      actor: SYSTEM,
      failTimes: 2,
      permanent: false,
    });
    const permanent = await enqueueAsSystem(db, flakyJob, {
      workspaceId: workspace.id,
      actor: SYSTEM,
      failTimes: 0,
      permanent: true,
    });
    const done = await waitForJobState(db, workspace.id, retried, ["completed", "failed"]);
    expect(done.state).toBe("completed");
    expect(done.attempts).toBe(3);
    const failed = await waitForJobState(db, workspace.id, permanent, ["completed", "failed"]);
    expect(failed.state).toBe("failed");
    expect(failed.error).toBe("bad input");
    expect(attempts.get(permanent)).toBe(1);
    expect((await pgbossJob(permanent))?.state).toBe("failed");
  });

  it("fails after its retries are used up", async () => {
    const { workspace } = await signUpOwner(db);
    const jobId = await enqueueAsSystem(db, flakyJob, {
      workspaceId: workspace.id,
      actor: SYSTEM,
      failTimes: 10,
      permanent: false,
    });
    const run = await waitForJobState(db, workspace.id, jobId, ["completed", "failed"]);
    expect(run.state).toBe("failed");
    expect(attempts.get(jobId)).toBe(3);
    expect(run.error).toBe("attempt 3 failed");
  });
});
