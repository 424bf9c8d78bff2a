import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "@/db";
import { apiKeys } from "@/db/schema";
import { withLookup, withTenant } from "@/db/tenant";
import type { Actor } from "@/server/audit/actor";
import { hashSecret, looksLikeApiKey } from "./api-key-secret";

/** Only write last_used_at when it is older than this, so busy keys don't write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The actor for a bearer key, or null when the key is unknown, malformed or revoked. */
export async function resolveApiKey(db: Database, key: string): Promise<Actor | null> {
  if (!looksLikeApiKey(key)) return null;
  const secretHash = hashSecret(key);
  const [row] = await withLookup(db, secretHash, (tx) =>
    tx
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt)))
      .limit(1),
  );
  if (!row) return null;
  const staleBefore = new Date(Date.now() - LAST_USED_RESOLUTION_MS);
  await withTenant(db, row.workspaceId, (tx) =>
    tx
      .update(apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(
        and(
          eq(apiKeys.id, row.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore)),
        ),
      ),
  );
  return {
    type: "api_key",
    keyId: row.id,
    workspaceId: row.workspaceId,
    scope: row.scope,
    name: row.name,
  };
}
