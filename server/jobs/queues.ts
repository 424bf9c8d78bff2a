import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import type { JobDefinition } from "./define-job";
import { jobDefinitions } from "./registry";

/**
 * Creates (or updates) one pg-boss queue per job type, with its retry, backoff and timeout.
 * Called when a process opens the database (db/index.ts, after migrations), before anything
 * can enqueue: an insert into a missing queue would be silently dropped by pg-boss.
 * `pgboss.create_queue` is idempotent (insert … on conflict do nothing).
 */
export async function ensureJobQueues(
  db: Database,
  definitions: JobDefinition[] = jobDefinitions,
): Promise<void> {
  for (const d of definitions) {
    const options = {
      policy: d.singletonKey ? "stately" : "standard",
      retryLimit: d.retryLimit,
      retryDelay: d.retryDelaySeconds,
      retryBackoff: d.retryDelaySeconds > 0,
      expireInSeconds: d.timeoutSeconds,
      retentionMinutes: 14 * 24 * 60,
    };
    await db.execute(sql`select pgboss.create_queue(${d.name}, ${JSON.stringify(options)}::json)`);
    await db.execute(sql`
      update pgboss.queue set retry_limit = ${d.retryLimit}, retry_delay = ${d.retryDelaySeconds},
        retry_backoff = ${d.retryDelaySeconds > 0}, expire_seconds = ${d.timeoutSeconds},
        updated_on = now()
      where name = ${d.name}
        and (retry_limit, retry_delay, retry_backoff, expire_seconds)
            is distinct from (${d.retryLimit}, ${d.retryDelaySeconds}, ${d.retryDelaySeconds > 0}, ${d.timeoutSeconds})`);
  }
}
