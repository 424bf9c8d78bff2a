import type { DatabaseHandle } from "@/db/client";
import { getEnv } from "@/server/env";
import { log } from "@/server/logger";
import { selectedDefinitions } from "./registry";
import { type RunningWorker, SCHEDULE_DEFAULTS, startWorker } from "./worker";

const holder = globalThis as { __parleyWorker?: Promise<RunningWorker | null> };

/**
 * The web process's own worker (the default; the only option on PGlite). Kept on globalThis so
 * dev reloads do not start a second one. On SIGTERM it stops like `npm run worker` does.
 */
export function startInProcessWorker(handle: DatabaseHandle): Promise<RunningWorker | null> {
  holder.__parleyWorker ??= (async () => {
    const env = getEnv();
    if (env.JOBS_WORKER === "off") {
      if (handle.driver === "pglite") {
        log.warn(
          "JOBS_WORKER=off ignored: on the embedded database only this process can run jobs",
        );
      } else {
        return null;
      }
    }
    const worker = await startWorker(handle, {
      mode: "in-process",
      definitions: selectedDefinitions(env.JOBS_QUEUES),
      maintenanceIntervalSeconds: env.JOBS_MAINTENANCE_SECONDS,
      schedules: SCHEDULE_DEFAULTS,
    });
    process.once("SIGTERM", () => {
      void worker.stop({ timeoutMs: env.WORKER_SHUTDOWN_SECONDS * 1000 });
    });
    return worker;
  })();
  return holder.__parleyWorker;
}
