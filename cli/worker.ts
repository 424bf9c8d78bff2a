import { closeDatabase, getDatabase } from "@/db";
import { getEnv } from "@/server/env";
import { selectedDefinitions } from "@/server/jobs/registry";
import { SCHEDULE_DEFAULTS, startWorker } from "@/server/jobs/worker";
import { log } from "@/server/logger";

/**
 * `npm run worker`: a process that only works jobs, for deployments that scale out on
 * PostgreSQL. SIGTERM/SIGINT stop fetching, let running jobs finish for
 * WORKER_SHUTDOWN_SECONDS, then hand the rest back to the queue.
 */
async function main(): Promise<number> {
  const env = getEnv();
  if (!env.DATABASE_URL) {
    process.stderr.write(
      "npm run worker needs PostgreSQL (DATABASE_URL); with the embedded database the web process runs jobs itself.\n",
    );
    return 1;
  }
  // Signals are caught from the start: a SIGTERM that arrives while the worker is still
  // starting (jobs may already run) stops it cleanly once it has started.
  // `on`, not `once`: npm and tsx relay the signal too, and a repeated SIGTERM must not fall
  // through to the default action (exit at once) while jobs are finishing.
  const stopRequested = new Promise<void>((resolve) => {
    let received = false;
    const shutdown = (signal: string) => {
      if (received) return;
      received = true;
      log.info("worker shutting down", { signal });
      resolve();
    };
    process.on("SIGTERM", () => shutdown("SIGTERM"));
    process.on("SIGINT", () => shutdown("SIGINT"));
  });
  const handle = await getDatabase();
  const worker = await startWorker(handle, {
    mode: "standalone",
    definitions: selectedDefinitions(env.JOBS_QUEUES),
    maintenanceIntervalSeconds: env.JOBS_MAINTENANCE_SECONDS,
    schedules: SCHEDULE_DEFAULTS,
  });
  await stopRequested;
  await worker.stop({ timeoutMs: env.WORKER_SHUTDOWN_SECONDS * 1000 });
  await closeDatabase();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log.error("worker failed", { error });
    process.exit(1);
  },
);
