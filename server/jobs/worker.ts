import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { eq, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { DatabaseHandle } from "@/db/client";
import { workerHeartbeats } from "@/db/schema";
import { log } from "@/server/logger";
import { createBoss } from "./boss";
import type { JobDefinition } from "./define-job";
import { templateTrashPurgeJob } from "./definitions/template-trash-purge";
import { JOBS_ENQUEUED_CHANNEL } from "./job-events";
import { ensureJobQueues } from "./queues";
import { jobDefinitions } from "./registry";
import { runBatch } from "./run-job";
import { type ScheduleOptions, startSchedules } from "./scheduler";

export type WorkerMode = "in-process" | "standalone";

export type WorkerOptions = {
  mode: WorkerMode;
  definitions?: JobDefinition[];
  /** How often pg-boss hands back jobs of dead workers (their timeout passed). */
  maintenanceIntervalSeconds?: number;
  /** Poll interval; NOTIFY on enqueue wakes the worker sooner. pg-boss allows ≥ 0.5 s. */
  pollingIntervalSeconds?: number;
  heartbeatSeconds?: number;
  /**
   * Periodic tasks (scheduler.ts), when this worker runs their job types; off when undefined.
   * The web process and `npm run worker` pass SCHEDULE_DEFAULTS.
   */
  schedules?: ScheduleOptions;
};

/** The trash purge hourly and analytics roll-ups every ten minutes, checked every minute by each worker. */
export const SCHEDULE_DEFAULTS: ScheduleOptions = {
  everySeconds: 3600,
  checkSeconds: 60,
  analyticsEverySeconds: 600,
};

export type RunningWorker = {
  id: string;
  boss: PgBoss;
  /**
   * Stops fetching, lets running jobs finish for up to `timeoutMs`, then hands the rest back
   * to the queue (failed → retried by the next worker).
   */
  stop: (options?: { timeoutMs?: number }) => Promise<void>;
};

/**
 * Starts working every job type: in the web process (default) or as `npm run worker`. Workers
 * coordinate only through PostgreSQL: pg-boss's SKIP LOCKED fetch, NOTIFY wake-ups, heartbeats.
 */
export async function startWorker(
  handle: DatabaseHandle,
  options: WorkerOptions,
): Promise<RunningWorker> {
  const definitions = options.definitions ?? jobDefinitions;
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  await ensureJobQueues(handle.db, definitions);
  const boss = createBoss(handle, {
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds,
  });
  await boss.start();
  const workersByQueue = new Map<string, string[]>();
  for (const definition of definitions) {
    const ids: string[] = [];
    for (let i = 0; i < (definition.concurrency ?? 1); i++) {
      let workerId = "";
      workerId = await boss.work(
        definition.name,
        {
          batchSize: definition.batchSize,
          includeMetadata: true,
          pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
        },
        async (jobs) => {
          try {
            // Throws when some jobs are to be retried: pg-boss's fail then retries them.
            await runBatch(boss, handle.db, definition, jobs);
          } finally {
            // A full batch means more are probably waiting: fetch again now instead of sleeping
            // out the polling interval (pg-boss waits after every batch otherwise).
            if (jobs.length >= definition.batchSize) boss.notifyWorker(workerId);
          }
        },
      );
      ids.push(workerId);
    }
    workersByQueue.set(definition.name, ids);
  }
  const unlisten = await handle.listen(JOBS_ENQUEUED_CHANNEL, (queue) => {
    for (const workerId of workersByQueue.get(queue) ?? []) boss.notifyWorker(workerId);
  });
  await beat(handle, id, options.mode);
  const heartbeat = setInterval(
    () => {
      beat(handle, id, options.mode).catch((error: unknown) =>
        log.warn("worker heartbeat failed", { error }),
      );
    },
    (options.heartbeatSeconds ?? 10) * 1000,
  );
  heartbeat.unref();
  const stopSchedules =
    options.schedules && definitions.some((d) => d.name === templateTrashPurgeJob.name)
      ? startSchedules(handle.db, id, options.schedules)
      : async () => undefined;
  log.info("worker started", { id, mode: options.mode, queues: definitions.length });

  let stopping: Promise<void> | undefined;
  const stop = (stopOptions: { timeoutMs?: number } = {}) => {
    stopping ??= (async () => {
      clearInterval(heartbeat);
      await stopSchedules().catch(() => undefined);
      await unlisten().catch(() => undefined);
      await boss.stop({ graceful: true, wait: true, timeout: stopOptions.timeoutMs ?? 30_000 });
      await handle.db
        .delete(workerHeartbeats)
        .where(eq(workerHeartbeats.id, id))
        .catch(() => undefined);
      log.info("worker stopped", { id });
    })();
    return stopping;
  };
  return { id, boss, stop };
}

async function beat(handle: DatabaseHandle, id: string, mode: WorkerMode): Promise<void> {
  await handle.db
    .insert(workerHeartbeats)
    .values({ id, host: hostname(), pid: process.pid, mode })
    .onConflictDoUpdate({ target: workerHeartbeats.id, set: { lastSeenAt: sql`now()` } });
  // Rows of workers that died without saying so stop mattering after a day.
  if (Math.random() < 0.05) {
    await handle.db.execute(
      sql`delete from worker_heartbeats where last_seen_at < now() - interval '1 day'`,
    );
  }
}

// Kept in its own module so the front server can answer /api/health without the job registry.
export { latestWorkerHeartbeat } from "./heartbeat";
