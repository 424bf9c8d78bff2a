import { setTimeout as sleep } from "node:timers/promises";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { getDatabase } from "@/db";
import { jobRuns } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import type { BasePayload, JobDefinition } from "@/server/jobs/define-job";
import { enqueueJob } from "@/server/jobs/enqueue";
import { type RunningWorker, startWorker } from "@/server/jobs/worker";

/** Polls `check` until it returns a value other than undefined/false, or fails after `ms`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  { ms = 20_000, every = 100, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(every);
  }
}

/** An in-process worker on the test database (stop it in afterAll). */
export async function startTestWorker(definitions?: JobDefinition[]): Promise<RunningWorker> {
  const handle = await getDatabase();
  return startWorker(handle, {
    mode: "in-process",
    definitions,
    maintenanceIntervalSeconds: 1,
    heartbeatSeconds: 1,
  });
}

/** Enqueues as the system scope of a workspace, in its own transaction. */
export async function enqueueAsSystem<P extends BasePayload>(
  db: Database,
  definition: JobDefinition<P>,
  payload: P,
  options: { input?: string } = {},
): Promise<string> {
  const access = await systemAccess(db, payload.workspaceId);
  const queued = await runInWorkspace(db, access, (scope) =>
    enqueueJob(scope, definition, payload, options),
  );
  if (!queued) throw new Error("not enqueued (singleton)");
  return queued.jobId;
}

export async function jobRun(db: Database, workspaceId: string, jobId: string) {
  const [row] = await withTenant(db, workspaceId, (tx) =>
    tx.select().from(jobRuns).where(eq(jobRuns.id, jobId)),
  );
  return row;
}

/** Waits until the job's row reaches one of `states`. */
export function waitForJobState(
  db: Database,
  workspaceId: string,
  jobId: string,
  states: string[],
  ms = 20_000,
) {
  return waitFor(
    async () => {
      const row = await jobRun(db, workspaceId, jobId);
      return row && states.includes(row.state) ? row : undefined;
    },
    { ms, what: `job ${jobId} to be ${states.join("/")}` },
  );
}
