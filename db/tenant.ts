import { sql } from "drizzle-orm";
import type { Database, Tx } from "./client";

/** The role every application query runs as: no superuser, no BYPASSRLS (db/migrations/0001). */
export const APP_ROLE = "parley_app";

export type RlsContext = {
  /** Tenant scope: rows of this workspace only. */
  workspaceId?: string;
  /** A signed-in user's own memberships and workspaces, across tenants (the switcher). */
  userId?: string;
  /** sha256 of an API key or invitation token being looked up. */
  lookupHash?: string;
};

/**
 * Runs `fn` in one transaction as the application role with the given RLS settings.
 * `SET LOCAL ROLE` is what makes the policies apply even when the connection's own user is a
 * superuser; `set_config(..., true)` keeps every setting local to this transaction, so a pooled
 * connection carries nothing over to the next caller.
 */
export async function withRlsContext<T>(
  db: Database,
  context: RlsContext,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    // set_config('role', …, true) is SET LOCAL ROLE (same privilege check). Sent, not awaited:
    // a connection runs its statements in order, so `fn`'s first query follows it in the same
    // round trip instead of waiting for its answer (one round trip less per transaction).
    const settings = tx
      .execute(
        sql`select set_config('role', ${APP_ROLE}, true),
                   set_config('app.workspace_id', ${context.workspaceId ?? ""}, true),
                   set_config('app.user_id', ${context.userId ?? ""}, true),
                   set_config('app.lookup_hash', ${context.lookupHash ?? ""}, true)`,
      )
      .execute();
    // Awaited below on every path; this only keeps an early failure from counting as unhandled.
    settings.catch(() => {});
    try {
      const result = await fn(tx);
      await settings;
      return result;
    } catch (error) {
      // A failed setting aborts the transaction: report it, not the statement it broke.
      await settings;
      throw error;
    }
  });
}

/** Everything a workspace does goes through here: a forgotten `where` then leaks nothing. */
export function withTenant<T>(
  db: Database,
  workspaceId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!UUID.test(workspaceId)) throw new Error("withTenant needs a workspace id (uuid)");
  return withRlsContext(db, { workspaceId }, fn);
}

/** A user's view across workspaces: their memberships and the workspaces those point at. */
export function withUser<T>(db: Database, userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!userId) throw new Error("withUser needs a user id");
  return withRlsContext(db, { userId }, fn);
}

/** Finds the one API key or invitation whose secret hashes to `lookupHash`. */
export function withLookup<T>(
  db: Database,
  lookupHash: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!lookupHash) throw new Error("withLookup needs a hash");
  return withRlsContext(db, { lookupHash }, fn);
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
