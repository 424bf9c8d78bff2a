import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { readRows } from "@/db/migrate";
import { jobRuns } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import { safeText } from "@/server/validation/text";
import { cursorTimeOf, timeIdCursor } from "@/server/validation/time-id-cursor";
import type { TenantScope } from "@/server/workspaces/scope";
import { appendJobEvent } from "./job-events";
import { findJobDefinition } from "./registry";

const columns = {
  id: jobRuns.id,
  name: jobRuns.name,
  state: jobRuns.state,
  progress: jobRuns.progress,
  message: jobRuns.message,
  error: jobRuns.error,
  attempts: jobRuns.attempts,
  actorLabel: jobRuns.actorLabel,
  createdAt: jobRuns.createdAt,
  startedAt: jobRuns.startedAt,
  finishedAt: jobRuns.finishedAt,
};

function withTitle<T extends { name: string }>(row: T) {
  return { ...row, title: findJobDefinition(row.name)?.title ?? row.name };
}

export const JOB_STATES = [
  "queued",
  "active",
  "retrying",
  "completed",
  "failed",
  "cancelled",
] as const;

export const listJobsInput = z.object({
  // Nullish: TanStack's infinite queries send `cursor: null` when refetching the first page.
  cursor: safeText({ max: 200, label: "The cursor" }).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Only jobs in these states ("running" on the page is queued + active + retrying). */
  states: z.array(z.enum(JOB_STATES)).min(1).max(JOB_STATES.length).optional(),
  /** Only jobs of this type (a job definition's name). */
  name: safeText({ max: 100, min: 1, trim: true, label: "The job type" }).optional(),
});

const jobCursor = timeIdCursor(z.uuid());

/** One page of the workspace's jobs, newest first (keyset on created_at, id): the Jobs page. */
export async function listJobs(scope: TenantScope, input: z.output<typeof listJobsInput>) {
  const conditions: SQL[] = [eq(jobRuns.workspaceId, scope.workspace.id)];
  if (input.states) conditions.push(inArray(jobRuns.state, input.states));
  if (input.name) conditions.push(eq(jobRuns.name, input.name));
  if (input.cursor) {
    const { t, i } = jobCursor.decode(input.cursor);
    conditions.push(sql`(${jobRuns.createdAt}, ${jobRuns.id}) < (${t}::timestamptz, ${i}::uuid)`);
  }
  const rows = await scope.tx
    .select({ ...columns, cursorTime: cursorTimeOf(jobRuns.createdAt) })
    .from(jobRuns)
    .where(and(...conditions))
    .orderBy(desc(jobRuns.createdAt), desc(jobRuns.id))
    .limit(input.limit + 1);
  const { items, nextCursor } = jobCursor.page(rows, input.limit);
  return { items: items.map(withTitle), nextCursor };
}

/** The job types this workspace has run, by title, for the Jobs page's filter. */
export async function listJobTypes(scope: TenantScope): Promise<{ name: string; title: string }[]> {
  const rows = await scope.tx
    .selectDistinct({ name: jobRuns.name })
    .from(jobRuns)
    .where(eq(jobRuns.workspaceId, scope.workspace.id));
  return rows.map(withTitle).sort((a, b) => a.title.localeCompare(b.title));
}

export async function getJob(scope: TenantScope, input: { id: string }) {
  const [row] = await scope.tx
    .select({ ...columns, result: jobRuns.result })
    .from(jobRuns)
    .where(and(eq(jobRuns.id, input.id), eq(jobRuns.workspaceId, scope.workspace.id)));
  if (!row) throw notFound("Job");
  return withTitle(row);
}

/**
 * Cancels a queued or running job. A running handler notices at its next progress report or
 * step and stops; what its committed steps wrote stays.
 */
export async function cancelJob(scope: TenantScope, input: { id: string }) {
  const job = await getJob(scope, input);
  if (!["queued", "active", "retrying"].includes(job.state)) {
    throw new AppError("PRECONDITION_FAILED", "Only a queued or running job can be cancelled");
  }
  await controlJob(scope, "parley_cancel_job", input.id);
  await appendJobEvent(scope.tx, scope.workspace.id, input.id, {
    kind: "cancelled",
    message: "Cancelled",
    run: { state: "cancelled", finishedAt: new Date() },
  });
  await scope.audit({ action: "job.cancel", entityType: "job", entityId: input.id });
  return getJob(scope, input);
}

/**
 * Cancels a job the system started and no longer needs (a refused upload's parse), with the
 * reason on the job page instead of an unexplained "skipped" run. Audited by the caller's
 * own action; a job that already ended is left as it is.
 */
export async function cancelJobBecause(
  scope: Pick<TenantScope, "tx" | "workspace">,
  id: string,
  reason: string,
): Promise<void> {
  const changed = await controlJob(scope, "parley_cancel_job", id);
  if (!changed) return;
  await appendJobEvent(scope.tx, scope.workspace.id, id, {
    kind: "cancelled",
    message: reason,
    run: { state: "cancelled", finishedAt: new Date() },
  });
}

/** Puts a failed or cancelled job back in the queue with one more attempt. */
export async function retryJob(scope: TenantScope, input: { id: string }) {
  const job = await getJob(scope, input);
  if (!["failed", "cancelled"].includes(job.state)) {
    throw new AppError("PRECONDITION_FAILED", "Only a failed or cancelled job can be retried");
  }
  const changed = await controlJob(scope, "parley_retry_job", input.id);
  if (!changed) {
    throw new AppError("PRECONDITION_FAILED", "This job is no longer kept by the queue");
  }
  await scope.tx
    .update(jobRuns)
    .set({ state: "queued", error: null, finishedAt: null, updatedAt: new Date() })
    .where(eq(jobRuns.id, input.id));
  await scope.tx.execute(sql`select pg_notify('parley_jobs_enqueued', ${job.name})`);
  await scope.audit({ action: "job.retry", entityType: "job", entityId: input.id });
  return getJob(scope, input);
}

async function controlJob(
  scope: Pick<TenantScope, "tx">,
  fn: "parley_cancel_job" | "parley_retry_job",
  id: string,
): Promise<boolean> {
  const rows = readRows<{ changed: boolean }>(
    await scope.tx.execute(sql`select ${sql.raw(fn)}(${id}::uuid) as changed`),
  );
  return rows[0]?.changed === true;
}
