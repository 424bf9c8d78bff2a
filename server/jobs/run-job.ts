import { and, eq, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Database } from "@/db";
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
import { recordJobEvent } from "./job-events";

type FetchedJob = PgBoss.JobWithMetadata<unknown>;

/**
 * Runs one fetched job and settles it with pg-boss itself (complete, or fail → retry with
 * backoff unless the error is permanent or retries are used up). Never throws: pg-boss would
 * otherwise fail every job of the batch together.
 */
export async function runJob(
  boss: PgBoss,
  db: Database,
  definition: JobDefinition,
  job: FetchedJob,
): Promise<void> {
  const parsed = definition.payload.safeParse(job.data);
  if (!parsed.success) {
    await failPermanently(boss, job, new PermanentJobError("invalid payload"));
    return;
  }
  const payload = parsed.data;
  const { workspaceId } = payload;
  const attempt = job.retryCount + 1;
  const lastAttempt = job.retryCount >= job.retryLimit;
  const started = await markStarted(db, workspaceId, job.id, attempt);
  if (started !== "active") {
    // Cancelled before it started, or its workspace is gone: nothing to do.
    await boss.complete(definition.name, job.id);
    return;
  }
  const controller = new AbortController();
  const timeoutMs = Math.max(1, definition.timeoutSeconds - 1) * 1000;
  const timer = setTimeout(() => controller.abort(new Error("timed out")), timeoutMs);
  const context = buildContext(db, job.id, payload, controller, attempt, lastAttempt);
  try {
    const handler = await definition.handler();
    const result = await Promise.race([
      handler(context, payload),
      new Promise<never>((_, reject) => {
        controller.signal.addEventListener("abort", () => reject(controller.signal.reason), {
          once: true,
        });
      }),
    ]);
    const output = result === undefined ? null : result;
    await recordJobEvent(db, workspaceId, job.id, {
      kind: "done",
      progress: 100,
      data: output && typeof output === "object" ? (output as Record<string, unknown>) : null,
      run: { state: "completed", finishedAt: new Date(), result: output, error: null },
    });
    await boss.complete(definition.name, job.id, output ?? undefined);
  } catch (error) {
    if (error instanceof JobCancelledError) return;
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof PermanentJobError || lastAttempt;
    log.warn("job failed", { job: definition.name, id: job.id, attempt, permanent, error });
    if (permanent) {
      await recordJobEvent(db, workspaceId, job.id, {
        kind: "failed",
        message,
        run: { state: "failed", error: message, finishedAt: new Date() },
      }).catch(() => null);
      await failPermanently(boss, job, error);
    } else {
      await recordJobEvent(db, workspaceId, job.id, {
        kind: "retrying",
        message,
        data: { attempt, retryLimit: job.retryLimit },
        run: { state: "retrying", error: message },
      }).catch(() => null);
      await boss.fail(definition.name, job.id, { message });
    }
  } finally {
    clearTimeout(timer);
  }
}

async function markStarted(
  db: Database,
  workspaceId: string,
  jobId: string,
  attempt: number,
): Promise<"active" | "skip"> {
  const rows = await withTenant(db, workspaceId, (tx) =>
    tx
      .update(jobRuns)
      .set({
        state: "active",
        attempts: attempt,
        startedAt: sql`coalesce(${jobRuns.startedAt}, now())`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(jobRuns.id, jobId),
          eq(jobRuns.workspaceId, workspaceId),
          sql`${jobRuns.state} <> 'cancelled'`,
        ),
      )
      .returning({ id: jobRuns.id }),
  );
  return rows.length > 0 ? "active" : "skip";
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
