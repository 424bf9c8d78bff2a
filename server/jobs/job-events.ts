import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db";
import { jobEvents, jobRuns } from "@/db/schema";
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
    event.progress === undefined
      ? undefined
      : Math.max(0, Math.min(100, Math.round(event.progress)));
  const updated = await tx
    .update(jobRuns)
    .set({
      ...(progress === undefined ? {} : { progress }),
      ...(event.message === undefined ? {} : { message: event.message }),
      ...event.run,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(jobRuns.id, jobId),
        eq(jobRuns.workspaceId, workspaceId),
        sql`${jobRuns.state} <> 'cancelled'`,
      ),
    )
    .returning({ id: jobRuns.id });
  if (updated.length === 0) return null;
  const [row] = await tx
    .insert(jobEvents)
    .values({
      workspaceId,
      jobId,
      kind: event.kind,
      progress: progress ?? null,
      message: event.message ?? null,
      data: event.data ?? null,
    })
    .returning({ id: jobEvents.id });
  if (!row) return null;
  await notifyJobEvent(tx, { workspaceId, jobId, eventId: row.id });
  return row.id;
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
