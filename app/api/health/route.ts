import { sql } from "drizzle-orm";
import { getDatabase } from "@/db";
import { pendingMigrationCount } from "@/db/migrate";
import { configurationProblems } from "@/server/env";
import { latestWorkerHeartbeat } from "@/server/jobs/worker";
import { log } from "@/server/logger";

export const dynamic = "force-dynamic";

/**
 * 200 when the configuration is valid, the database answers and every committed migration is
 * applied; 503 otherwise, with the reason (configuration problems name the variable). The
 * newest job-worker heartbeat is reported (not a failure when old: web processes can serve
 * with workers down, and jobs wait in the queue).
 */
export async function GET(): Promise<Response> {
  const started = Date.now();
  const problems = configurationProblems();
  if (problems.length > 0) {
    return Response.json({ status: "misconfigured", problems }, { status: 503 });
  }
  try {
    const handle = await getDatabase();
    await handle.db.execute(sql`select 1`);
    const pending = await pendingMigrationCount(handle);
    const heartbeat = await latestWorkerHeartbeat(handle);
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
    return Response.json(body, { status: pending === 0 ? 200 : 503 });
  } catch (error) {
    log.error("health check failed", { error });
    return Response.json({ status: "database_unreachable" }, { status: 503 });
  }
}
