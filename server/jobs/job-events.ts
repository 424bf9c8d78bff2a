import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db";
import { readRows } from "@/db/migrate";
import { jobEvents } from "@/db/schema";
import { withTenant } from "@/db/tenant";

/** The NOTIFY channel of job events. Payloads carry ids only: NOTIFY bypasses RLS. */
export const JOB_EVENTS_CHANNEL = "parley_job_events";
/** Wakes workers when a job is enqueued, so pickup does not wait for the next poll. */
export const JOBS_ENQUEUED_CHANNEL = "parley_jobs_enqueued";

export type JobEventKind = "progress" | "retrying" | "done" | "failed" | "cancelled";
export const TERMINAL_EVENTS: ReadonlySet<string> = new Set(["done", "failed", "cancelled"]);

export type JobEventNotice = { workspaceId: string; jobId: string; eventId: number };

export type JobEventInput = {
  kind: JobEventKind;
  progress?: number;
  message?: string | null;
  data?: Record<string, unknown> | null;
  /** The job_runs columns that change with this event. */
  run?: Partial<{
    state: string;
    error: string | null;
    result: unknown;
    finishedAt: Date;
  }>;
};

/**
 * Appends a job event and updates the job's row, in its own short tenant transaction, then
 * announces it with pg_notify (delivered at commit, ids only). A cancelled job's row keeps
 * its state: late progress from a handler that has not noticed yet changes nothing visible.
 */
export function recordJobEvent(
  db: Database,
  workspaceId: string,
  jobId: string,
  event: JobEventInput,
): Promise<number | null> {
  return withTenant(db, workspaceId, (tx) => appendJobEvent(tx, workspaceId, jobId, event));
}

export async function appendJobEvent(
  tx: Tx,
  workspaceId: string,
  jobId: string,
  event: JobEventInput,
): Promise<number | null> {
  const progress =
    event.progress === undefined ? null : Math.max(0, Math.min(100, Math.round(event.progress)));
  const run = event.run ?? {};
  const has = (key: keyof typeof run) => key in run;
  // One statement (update the run, append the event, notify): a worker finishing many small
  // jobs pays one round trip per job for its bookkeeping.
  const result = await tx.execute(sql`
    with updated as (
      update job_runs set
        progress = coalesce(${progress}::int, progress),
        message = case when ${event.message !== undefined} then ${event.message ?? null} else message end,
        state = coalesce(${run.state ?? null}, state),
        error = case when ${has("error")} then ${run.error ?? null} else error end,
        result = case when ${has("result")} then ${run.result === undefined ? null : JSON.stringify(run.result)}::jsonb else result end,
        finished_at = coalesce(${run.finishedAt?.toISOString() ?? null}::timestamptz, finished_at),
        updated_at = now()
      where id = ${jobId} and workspace_id = ${workspaceId} and state <> 'cancelled'
      returning id
    ), inserted as (
      insert into job_events (workspace_id, job_id, kind, progress, message, data)
      select ${workspaceId}, id, ${event.kind}, ${progress}::int, ${event.message ?? null},
             ${event.data ? JSON.stringify(event.data) : null}::jsonb
      from updated
      returning id
    )
    select id, pg_notify(${JOB_EVENTS_CHANNEL},
      json_build_object('w', ${workspaceId}::text, 'j', ${jobId}::text, 'e', id)::text) as notified
    from inserted`);
  const [row] = readRows<{ id: number | string }>(result);
  return row ? Number(row.id) : null;
}

export async function notifyJobEvent(tx: Tx, notice: JobEventNotice): Promise<void> {
  const payload = JSON.stringify({ w: notice.workspaceId, j: notice.jobId, e: notice.eventId });
  await tx.execute(sql`select pg_notify(${JOB_EVENTS_CHANNEL}, ${payload})`);
}

export function parseJobEventNotice(payload: string): JobEventNotice | null {
  try {
    const value = JSON.parse(payload) as { w?: unknown; j?: unknown; e?: unknown };
    if (typeof value.w !== "string" || typeof value.j !== "string" || typeof value.e !== "number") {
      return null;
    }
    return { workspaceId: value.w, jobId: value.j, eventId: value.e };
  } catch {
    return null;
  }
}

/** A job's events after `afterId`, oldest first (SSE replay), read under RLS. */
export function jobEventsAfter(
  db: Database,
  workspaceId: string,
  jobId: string,
  afterId: number,
  limit = 500,
) {
  return withTenant(db, workspaceId, (tx) =>
    tx
      .select()
      .from(jobEvents)
      .where(
        and(
          eq(jobEvents.workspaceId, workspaceId),
          eq(jobEvents.jobId, jobId),
          gt(jobEvents.id, afterId),
        ),
      )
      .orderBy(asc(jobEvents.id))
      .limit(limit),
  );
}
