import { setTimeout as sleep } from "node:timers/promises";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { getDatabase } from "@/db";
import { readRows } from "@/db/migrate";
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

/**
 * Waits until the job's row reaches one of `states`. On timeout the error names the row's last
 * state, attempts and error, and pg-boss's own state of the job, so a flaky wait says where the
 * job stopped.
 */
export async function waitForJobState(
  db: Database,
  workspaceId: string,
  jobId: string,
  states: string[],
  ms = 20_000,
) {
  let last: Awaited<ReturnType<typeof jobRun>>;
  try {
    return await waitFor(
      async () => {
        last = await jobRun(db, workspaceId, jobId);
        return last && states.includes(last.state) ? last : undefined;
      },
      { ms, what: `job ${jobId} to be ${states.join("/")}` },
    );
  } catch (error) {
    const boss = await db
      .execute(
        sql`select state, retry_count, start_after::text from pgboss.job where id = ${jobId}`,
      )
      .then((r) => readRows<{ state: string; retry_count: number; start_after: string }>(r)[0])
      .catch(() => undefined);
    const seen = last
      ? `row ${last.state}, attempts ${last.attempts}, error ${JSON.stringify(last.error)}`
      : "no row";
    const queue = boss
      ? `pg-boss ${boss.state}, retry_count ${boss.retry_count}, start_after ${boss.start_after}`
      : "not in pgboss.job";
    throw new Error(`${(error as Error).message}: ${seen}; ${queue}`);
  }
}
