import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { workspaces } from "@/db/schema";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { enqueueNightlyAnalyses } from "@/server/analysis/service/schedule";
import { pendingRollupRange } from "@/server/analytics/rollup";
import { log } from "@/server/logger";
import { hasExpiredTrash, trashCutoff } from "@/server/templates/store/trash-purge";
import { analyticsRollupJob } from "./definitions/analytics-rollup";
import { templateTrashPurgeJob } from "./definitions/template-trash-purge";
import { enqueueJob } from "./enqueue";

/**
 * Periodic work, started by each worker that runs the job types involved. pg-boss's own cron
 * stays off (boss.ts `schedule: false`): its scheduled jobs carry no workspace, and every job
 * here is a workspace's (job_runs, the Jobs page). Instead each worker ticks on a timer and
 * claims the task's run in `scheduled_tasks` with one conditional UPDATE: with several workers
 * exactly one wins per interval, and a worker that dies mid-run only delays the next one. The
 * winner enqueues ordinary jobs, one per workspace that has work, whose singleton key keeps a
 * second copy out while one is queued; any worker then runs them.
 */
export const TRASH_PURGE_TASK = "template-trash-purge";
export const ANALYTICS_ROLLUP_TASK = "analytics-rollup";
export const CONVERSATION_ANALYSIS_TASK = "conversation-analysis";

/** True for the one caller that claimed the task's run now: its last run is `everySeconds` old. */
export async function claimScheduledRun(
  db: Database,
  task: string,
  everySeconds: number,
  workerId: string,
  now: Date = new Date(),
): Promise<boolean> {
  const at = now.toISOString();
  const claimed = readRows<{ name: string }>(
    await db.execute(sql`
      insert into scheduled_tasks as s (name, last_run_at, last_run_by)
      values (${task}, ${at}::timestamptz, ${workerId})
      on conflict (name) do update set last_run_at = excluded.last_run_at, last_run_by = excluded.last_run_by
        where s.last_run_at <= ${at}::timestamptz - make_interval(secs => ${everySeconds})
      returning name`),
  );
  return claimed.length > 0;
}

/**
 * Enqueues a trash purge for every workspace with a template trashed more than TRASH_DAYS
 * before `now`. Returns how many were enqueued (a workspace whose purge is already queued
 * counts as not enqueued).
 */
export async function enqueueTrashPurges(db: Database, now: Date = new Date()): Promise<number> {
  const before = trashCutoff(now);
  // The operator's own read: which tenants exist is not a tenant question (trash-purge.ts).
  const all = await db.select({ id: workspaces.id }).from(workspaces);
  let enqueued = 0;
  for (const { id: workspaceId } of all) {
    const access = await systemAccess(db, workspaceId);
    const queued = await runInWorkspace(db, access, async (scope) => {
      if (!(await hasExpiredTrash(scope.tx, workspaceId, before))) return null;
      return enqueueJob(scope, templateTrashPurgeJob, {
        workspaceId,
        actor: { type: "system", label: "system" },
        before: before.toISOString(),
      });
    });
    if (queued) enqueued++;
  }
  return enqueued;
}

/**
 * Enqueues an analytics roll-up for every workspace with usage events newer than its last
 * roll-up (the job recomputes from the day before that through today). Returns how many.
 */
export async function enqueueAnalyticsRollups(db: Database, now: Date = new Date()) {
  const all = await db.select({ id: workspaces.id }).from(workspaces);
  let enqueued = 0;
  for (const { id: workspaceId } of all) {
    const access = await systemAccess(db, workspaceId);
    const queued = await runInWorkspace(db, access, async (scope) => {
      if (!(await pendingRollupRange(scope.tx, now))) return null;
      return enqueueJob(scope, analyticsRollupJob, {
        workspaceId,
        actor: { type: "system", label: "system" },
      });
    });
    if (queued) enqueued++;
  }
  return enqueued;
}

export type ScheduleOptions = {
  /** How often each task runs across all workers (the trash purge: hourly). */
  everySeconds: number;
  /** How often this worker checks whether a run is due; default a tenth of everySeconds. */
  checkSeconds?: number;
  /** How often analytics roll-ups are brought up to date (default every ten minutes). */
  analyticsEverySeconds?: number;
  /**
   * The UTC hour in which the nightly conversation analysis is enqueued (default 2); once per
   * night across all workers. Null: off.
   */
  analysisHourUtc?: number | null;
};

/** The nightly analysis claims its run at most this often (under a day: the hour gates it). */
const NIGHTLY_CLAIM_SECONDS = 20 * 3600;

/** True when `now` is in the analysis hour and no worker enqueued tonight's runs yet. */
export async function claimNightlyAnalysis(
  db: Database,
  workerId: string,
  hourUtc: number | null,
  now: Date = new Date(),
): Promise<boolean> {
  if (hourUtc === null || now.getUTCHours() !== hourUtc) return false;
  return claimScheduledRun(db, CONVERSATION_ANALYSIS_TASK, NIGHTLY_CLAIM_SECONDS, workerId, now);
}

/** Starts the worker's timer; returns a stop function (waits for a tick in progress). */
export function startSchedules(
  db: Database,
  workerId: string,
  options: ScheduleOptions,
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    if (await claimScheduledRun(db, TRASH_PURGE_TASK, options.everySeconds, workerId)) {
      const enqueued = await enqueueTrashPurges(db);
      log.info("scheduled trash purge", { enqueued });
    }
    const analyticsEvery = options.analyticsEverySeconds ?? 600;
    if (await claimScheduledRun(db, ANALYTICS_ROLLUP_TASK, analyticsEvery, workerId)) {
      const enqueued = await enqueueAnalyticsRollups(db);
      log.info("scheduled analytics roll-ups", { enqueued });
    }
    if (await claimNightlyAnalysis(db, workerId, options.analysisHourUtc ?? 2)) {
      const enqueued = await enqueueNightlyAnalyses(db);
      log.info("scheduled conversation analyses", { enqueued });
    }
  };
  const run = () => {
    running = running
      .then(tick)
      .catch((error: unknown) => log.warn("scheduled task failed", { error }));
  };
  const shortest = Math.min(options.everySeconds, options.analyticsEverySeconds ?? 600);
  const checkMs = Math.max(1, options.checkSeconds ?? shortest / 10) * 1000;
  // First check soon after start (a worker restarted every few minutes still purges).
  const first = setTimeout(run, Math.min(checkMs, 30_000));
  const timer = setInterval(run, checkMs);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
