import type { DatabaseHandle } from "../../db/client";
import { pendingMigrationCount } from "../../db/migrate";
import { configurationProblems } from "../env";
import { latestWorkerHeartbeat } from "../jobs/heartbeat";
import { log } from "../logger";

export type HealthReport = { status: number; body: Record<string, unknown> };

/**
 * 200 when the configuration is valid, the database answers and every committed migration is
 * applied; 503 otherwise, with the reason (configuration problems name the variable). The
 * newest job-worker heartbeat is reported (not a failure when old: web processes can serve
 * with workers down, and jobs wait in the queue). Answered by the route (app/api/health) and,
 * ahead of Next.js, by the front server (server.mjs).
 */
export async function healthReport(database: () => Promise<DatabaseHandle>): Promise<HealthReport> {
  const started = Date.now();
  const problems = configurationProblems();
  if (problems.length > 0) return { status: 503, body: { status: "misconfigured", problems } };
  try {
    const handle = await database();
    // Both reads prove the database answers; sent together they cost one round trip, which
    // under load is one event-loop turn of the web process (server/http/admission.ts).
    const [pending, heartbeat] = await Promise.all([
      pendingMigrationCount(handle),
      latestWorkerHeartbeat(handle),
    ]);
    const body = {
      status: pending === 0 ? "ok" : "migrations_pending",
      database: handle.driver,
      pendingMigrations: pending,
      worker: heartbeat
        ? {
            lastHeartbeat: heartbeat.lastSeenAt.toISOString(),
            secondsAgo: Math.round((Date.now() - heartbeat.lastSeenAt.getTime()) / 1000),
            alive: heartbeat.workers,
          }
        : null,
      ms: Date.now() - started,
    };
    return { status: pending === 0 ? 200 : 503, body };
  } catch (error) {
    log.error("health check failed", { error });
    return { status: 503, body: { status: "database_unreachable" } };
  }
}
