import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { withTenant } from "@/db/tenant";
import { getEnv } from "@/server/env";

/**
 * API keys are rate-limited by two token buckets: the key's own and its workspace's (all keys
 * together). A bucket holds up to `capacity` tokens and refills `capacity` per minute; a call
 * takes `cost` tokens (1 unless the procedure declares more, e.g. AI features). Buckets are rows
 * in PostgreSQL updated with one atomic upsert each, so every web process sees the same state.
 */
export type QuotaResult = {
  allowed: boolean;
  /** The tighter of the two buckets, for the X-RateLimit-* headers. */
  limit: number;
  remaining: number;
  /** Seconds until that bucket is full again. */
  resetSeconds: number;
  /** Seconds until this call would be allowed (0 when allowed). */
  retryAfterSeconds: number;
};

type Bucket = { bucket: string; capacity: number };

export async function consumeApiQuota(
  db: Database,
  request: { workspaceId: string; keyId: string; cost?: number },
): Promise<QuotaResult> {
  const env = getEnv();
  const cost = Math.max(1, request.cost ?? 1);
  const buckets: Bucket[] = [
    { bucket: `key:${request.keyId}`, capacity: env.API_RATE_LIMIT_PER_MINUTE },
    { bucket: "workspace", capacity: env.API_WORKSPACE_RATE_LIMIT_PER_MINUTE },
  ];
  return withTenant(db, request.workspaceId, async (tx) => {
    // Row locks (for update) serialize concurrent calls per bucket across processes; both
    // buckets are read before either is charged, so a refused call costs nothing.
    const states: { bucket: string; capacity: number; tokens: number; allowed: boolean }[] = [];
    for (const { bucket, capacity } of buckets) {
      await tx.execute(sql`
        insert into api_rate_limits (workspace_id, bucket, tokens, updated_at)
        values (${request.workspaceId}, ${bucket}, ${capacity}, clock_timestamp())
        on conflict (workspace_id, bucket) do nothing`);
      const [row] = readRows<{ level: number }>(
        await tx.execute(sql`
          select least(${capacity}::float8,
                       tokens + extract(epoch from clock_timestamp() - updated_at) * ${capacity / 60}::float8) as level
          from api_rate_limits
          where workspace_id = ${request.workspaceId} and bucket = ${bucket}
          for update`),
      );
      const tokens = Number(row?.level ?? 0);
      states.push({ bucket, capacity, tokens, allowed: tokens >= cost });
    }
    const allowed = states.every((s) => s.allowed);
    for (const state of states) {
      if (allowed) state.tokens -= cost;
      await tx.execute(sql`
        update api_rate_limits set tokens = ${state.tokens}, updated_at = clock_timestamp()
        where workspace_id = ${request.workspaceId} and bucket = ${state.bucket}`);
    }
    return summarize(states, cost);
  });
}

function summarize(
  states: { capacity: number; tokens: number; allowed: boolean }[],
  cost: number,
): QuotaResult {
  let tightest = states[0];
  for (const s of states) {
    if (tightest && s.tokens / s.capacity < tightest.tokens / tightest.capacity) tightest = s;
  }
  const t = tightest ?? { capacity: 0, tokens: 0, allowed: false };
  const allowed = states.every((s) => s.allowed);
  const perSecond = (s: { capacity: number }) => s.capacity / 60;
  const retryAfter = allowed
    ? 0
    : Math.max(...states.map((s) => (s.tokens >= cost ? 0 : (cost - s.tokens) / perSecond(s))));
  return {
    allowed,
    limit: t.capacity,
    remaining: Math.max(0, Math.floor(t.tokens)),
    resetSeconds: Math.ceil((t.capacity - t.tokens) / perSecond(t)),
    retryAfterSeconds: Math.ceil(retryAfter),
  };
}

/** The standard headers for a quota answer (also on 429s). */
export function quotaHeaders(quota: QuotaResult): Record<string, string> {
  const headers: Record<string, string> = {
    "X-RateLimit-Limit": String(quota.limit),
    "X-RateLimit-Remaining": String(quota.remaining),
    "X-RateLimit-Reset": String(quota.resetSeconds),
  };
  if (!quota.allowed) headers["Retry-After"] = String(Math.max(1, quota.retryAfterSeconds));
  return headers;
}
