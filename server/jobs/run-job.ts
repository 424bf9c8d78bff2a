import { and, eq, inArray, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { jobRuns, jobSteps } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { runInWorkspace, type WorkspaceScope } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { log } from "@/server/logger";
import {
  type BasePayload,
  JobCancelledError,
  type JobContext,
  type JobDefinition,
  PermanentJobError,
} from "./define-job";
import { appendJobEvent, recordJobEvent } from "./job-events";

type FetchedJob = PgBoss.JobWithMetadata<unknown>;
type Outcome = {
  job: FetchedJob;
  workspaceId?: string;
  /** Set when the handler succeeded: recorded as the "done" event with the batch. */
  output?: unknown;
  error?: unknown;
  permanent?: boolean;
};

/**
 * Runs one fetched batch; each job runs and records its own outcome, then pg-boss is settled.
 * pg-boss completes a batch only after this returns and without awaiting it, and its worker may
 * fetch again first. A job handed back for retry here (boss.fail) could then be fetched again
 * and be marked completed by that late completion, in the middle of its next attempt. So:
 * permanent failures are failed here; when some jobs are to be retried, the rest of the batch is
 * completed here (awaited) and this throws, so pg-boss's own fail moves the retried jobs — still
 * active, so nobody can fetch them meanwhile — to retry. A batch without retries just returns.
 */
export async function runBatch(
  boss: PgBoss,
  db: Database,
  definition: JobDefinition,
  jobs: FetchedJob[],
): Promise<void> {
  const outcomes: Outcome[] = [];
  const valid: { job: FetchedJob; payload: BasePayload }[] = [];
  for (const job of jobs) {
    const parsed = definition.payload.safeParse(job.data);
    if (parsed.success) valid.push({ job, payload: parsed.data });
    else outcomes.push({ job, error: new PermanentJobError("invalid payload"), permanent: true });
  }
  const active = await markStarted(db, valid);
  const runs = await Promise.all(
    valid
      .filter(({ job }) => active.has(job.id))
      .map(({ job, payload }) => runJob(db, definition, job, payload)),
  );
  outcomes.push(...runs);
  await recordDone(db, runs);
  const retried = new Map<string, string>();
  for (const { job, error, permanent } of outcomes) {
    if (error === undefined) continue;
    const message = error instanceof Error ? error.message : String(error);
    if (!permanent) {
      retried.set(job.id, message);
      continue;
    }
    try {
      await failPermanently(boss, job, error);
    } catch (failure) {
      log.warn("could not settle a failed job", { id: job.id, error: failure });
    }
  }
  if (retried.size === 0) return;
  const rest = jobs.map((job) => job.id).filter((id) => !retried.has(id));
  if (rest.length > 0) await boss.complete(definition.name, rest);
  throw new RetryBatchError([...retried.values()]);
}

/** Thrown by runBatch to have pg-boss fail (and so retry) the batch's still-active jobs. */
export class RetryBatchError extends Error {
  constructor(messages: string[]) {
    super(
      messages.length === 1
        ? (messages[0] ?? "")
        : `${messages.length} jobs of the batch failed: ${messages.join("; ")}`,
    );
    this.name = "RetryBatchError";
  }
}

async function runJob(
  db: Database,
  definition: JobDefinition,
  job: FetchedJob,
  payload: BasePayload,
): Promise<Outcome> {
  const { workspaceId } = payload;
  const attempt = job.retryCount + 1;
  const lastAttempt = job.retryCount >= job.retryLimit;
  const controller = new AbortController();
  // The job's own timeout (pg-boss expire_in, set from the definition at enqueue), a second
  // early so the job fails on its own rather than with its whole fetched batch.
  const seconds =
    (job as { expireInSeconds?: number }).expireInSeconds ?? definition.timeoutSeconds;
  const timer = setTimeout(
    () => controller.abort(new Error("timed out")),
    Math.max(1, seconds - 1) * 1000,
  );
  const context = buildContext(db, job.id, payload, controller, attempt, lastAttempt);
  try {
    const handler = await definition.handler();
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener("abort", () => reject(controller.signal.reason), {
        once: true,
      });
    });
    // An abort after the handler settled must not surface as an unhandled rejection.
    aborted.catch(() => undefined);
    const result = await Promise.race([handler(context, payload), aborted]);
    return { job, workspaceId, output: result === undefined ? null : result };
  } catch (error) {
    // Cancelled: pg-boss already has the job as cancelled; nothing to settle.
    if (error instanceof JobCancelledError) return { job };
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof PermanentJobError || lastAttempt;
    log.warn("job failed", { job: definition.name, id: job.id, attempt, permanent, error });
    await recordJobEvent(
      db,
      workspaceId,
      job.id,
      permanent
        ? {
            kind: "failed",
            message,
            run: { state: "failed", error: message, finishedAt: new Date() },
          }
        : {
            kind: "retrying",
            message,
            data: { attempt, retryLimit: job.retryLimit },
            run: { state: "retrying", error: message },
          },
    ).catch(() => null);
    return { job, error, permanent };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The "done" events of the batch's successful jobs: one short transaction per workspace, so a
 * worker draining many small jobs pays a few round trips per batch, not per job.
 */
async function recordDone(db: Database, outcomes: Outcome[]): Promise<void> {
  const byWorkspace = new Map<string, Outcome[]>();
  for (const outcome of outcomes) {
    if (outcome.output === undefined || !outcome.workspaceId) continue;
    const list = byWorkspace.get(outcome.workspaceId) ?? [];
    list.push(outcome);
    byWorkspace.set(outcome.workspaceId, list);
  }
  for (const [workspaceId, list] of byWorkspace) {
    await withTenant(db, workspaceId, async (tx) => {
      // A job cancelled while its handler was finishing (a refused upload's parse returning
      // "skipped") stays cancelled, with the reason it was given.
      const cancelled = new Set(
        (
          await tx
            .select({ id: jobRuns.id })
            .from(jobRuns)
            .where(
              and(
                inArray(
                  jobRuns.id,
                  list.map((o) => o.job.id),
                ),
                eq(jobRuns.state, "cancelled"),
              ),
            )
        ).map((r) => r.id),
      );
      for (const { job, output } of list) {
        if (cancelled.has(job.id)) continue;
        await appendJobEvent(tx, workspaceId, job.id, {
          kind: "done",
          progress: 100,
          data: output && typeof output === "object" ? (output as Record<string, unknown>) : null,
          run: { state: "completed", finishedAt: new Date(), result: output, error: null },
        });
      }
    });
  }
}

/**
 * Marks the batch's jobs active (one short transaction per workspace) and returns the ids to
 * run. Jobs whose row is cancelled or already completed (a worker that died between recording
 * "done" and pg-boss's completion) are not run again; pg-boss completes them with the batch.
 */
async function markStarted(
  db: Database,
  jobs: { job: FetchedJob; payload: BasePayload }[],
): Promise<Set<string>> {
  const byWorkspace = new Map<string, { id: string; attempt: number }[]>();
  for (const { job, payload } of jobs) {
    const list = byWorkspace.get(payload.workspaceId) ?? [];
    list.push({ id: job.id, attempt: job.retryCount + 1 });
    byWorkspace.set(payload.workspaceId, list);
  }
  const active = new Set<string>();
  for (const [workspaceId, list] of byWorkspace) {
    const rows = await withTenant(db, workspaceId, (tx) =>
      tx.execute(sql`
        update job_runs as r set state = 'active', attempts = v.attempt,
          started_at = coalesce(r.started_at, now()), updated_at = now()
        from (select unnest(${`{${list.map((j) => j.id).join(",")}}`}::uuid[]) as id,
                     unnest(${`{${list.map((j) => j.attempt).join(",")}}`}::int[]) as attempt) v
        where r.id = v.id and r.workspace_id = ${workspaceId}
          and r.state not in ('cancelled', 'completed')
        returning r.id`),
    );
    for (const row of readRows<{ id: string }>(rows)) active.add(row.id);
  }
  return active;
}

/** Makes pg-boss's fail final (no retry left), then fails the job. */
async function failPermanently(boss: PgBoss, job: FetchedJob, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await boss
    .getDb()
    .executeSql(
      "update pgboss.job set retry_limit = retry_count where name = $1 and id = $2 and state = 'active'",
      [job.name, job.id],
    );
  await boss.fail(job.name, job.id, { message });
}

function buildContext(
  db: Database,
  jobId: string,
  payload: BasePayload,
  controller: AbortController,
  attempt: number,
  lastAttempt: boolean,
): JobContext {
  const { workspaceId } = payload;
  const run = async <T>(fn: (scope: WorkspaceScope) => Promise<T>): Promise<T> =>
    runInWorkspace(db, await systemAccess(db, workspaceId), fn);
  const ensureRunning = () => {
    if (controller.signal.aborted) throw controller.signal.reason ?? new JobCancelledError();
  };
  return {
    db,
    jobId,
    workspaceId,
    attempt,
    lastAttempt,
    signal: controller.signal,
    async progress(percent, message, data) {
      ensureRunning();
      const id = await recordJobEvent(db, workspaceId, jobId, {
        kind: "progress",
        progress: percent,
        message: message ?? null,
        data: data ?? null,
      });
      if (id === null) {
        controller.abort(new JobCancelledError());
        throw new JobCancelledError();
      }
    },
    async step(index, fn) {
      ensureRunning();
      const ran = await run(async (scope) => {
        const [state] = await scope.tx
          .select({ state: jobRuns.state })
          .from(jobRuns)
          .where(eq(jobRuns.id, jobId));
        if (state?.state === "cancelled") return "cancelled" as const;
        const done = await scope.tx
          .select({ step: jobSteps.step })
          .from(jobSteps)
          .where(
            and(
              eq(jobSteps.workspaceId, workspaceId),
              eq(jobSteps.jobId, jobId),
              eq(jobSteps.step, index),
            ),
          );
        if (done.length > 0) return false;
        await fn(scope);
        // A plain insert: a step that somehow ran twice fails here instead of writing twice.
        await scope.tx.insert(jobSteps).values({ workspaceId, jobId, step: index });
        return true;
      });
      if (ran === "cancelled") {
        controller.abort(new JobCancelledError());
        throw new JobCancelledError();
      }
      return ran;
    },
    run,
    input: () =>
      withTenant(db, workspaceId, async (tx) => {
        const [row] = await tx
          .select({ input: jobRuns.input })
          .from(jobRuns)
          .where(eq(jobRuns.id, jobId));
        return row?.input ?? null;
      }),
  };
}
