import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { workerHeartbeats } from "../../db/schema";

/** The newest heartbeat of any worker, for /api/health. */
export async function latestWorkerHeartbeat(
  handle: DatabaseHandle,
): Promise<{ lastSeenAt: Date; workers: number } | null> {
  const rows = await handle.db
    .select({
      lastSeenAt: sql<string>`max(${workerHeartbeats.lastSeenAt})`,
      workers: sql<number>`count(*) filter (where ${workerHeartbeats.lastSeenAt} > now() - interval '1 minute')::int`,
    })
    .from(workerHeartbeats);
  const row = rows[0];
  if (!row?.lastSeenAt) return null;
  return { lastSeenAt: new Date(row.lastSeenAt), workers: Number(row.workers) };
}
