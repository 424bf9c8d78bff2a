import { is, sql } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import { PostgresJsSession, PostgresJsTransaction } from "drizzle-orm/postgres-js";
import type { ReservedSql, Sql } from "postgres";
import type { Database, Tx } from "./client";
import { trackReadEnd } from "./read-ends";
import { APP_ROLE, type RlsContext, UUID, withRlsContext } from "./tenant";

/** What drizzle's postgres.js session holds (runtime fields; drizzle types them private). */
type SessionParts = {
  client: Sql;
  dialect: PgDialect;
  schema: ConstructorParameters<typeof PostgresJsTransaction>[2];
  options: ConstructorParameters<typeof PostgresJsSession>[3];
};

/**
 * A read-only transaction under the same RLS settings as withRlsContext, in one round trip on
 * PostgreSQL. postgres.js's `begin` waits for BEGIN's answer before the first query and the
 * caller then waits for COMMIT's: three round trips for one pipelined batch of reads, which on a
 * loaded machine (each round trip is a wake-up of the backend and of this process) was most of
 * a suggestion's time. Here BEGIN READ ONLY, the settings and `fn`'s queries go out together on
 * a reserved connection, and COMMIT follows without the caller waiting for it (nothing was
 * written; the connection returns to the pool once it has committed).
 *
 * `fn` may only read (the transaction is READ ONLY, so a write fails) and may not nest a
 * transaction. PGlite (one connection, no round trips) takes withRlsContext, read only as well.
 */
export async function readWithRlsContext<T>(
  db: Database,
  context: RlsContext,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const session = db._.session;
  if (!is(session, PostgresJsSession)) {
    // Read only here too (turning it on mid-transaction is allowed), so both drivers agree.
    return withRlsContext(db, context, async (tx) => {
      await tx.execute(sql`set local transaction_read_only = on`);
      return fn(tx);
    });
  }
  const parts = session as unknown as SessionParts;
  const reserved = await parts.client.reserve();
  const begin = reserved.unsafe("begin read only").execute();
  const settings = reserved`select set_config('role', ${APP_ROLE}, true),
                   set_config('app.workspace_id', ${context.workspaceId ?? ""}, true),
                   set_config('app.user_id', ${context.userId ?? ""}, true),
                   set_config('app.lookup_hash', ${context.lookupHash ?? ""}, true)`.execute();
  // Awaited below on every path; this only keeps an early failure from counting as unhandled.
  begin.catch(() => {});
  settings.catch(() => {});
  let result: T;
  try {
    const txSession = new PostgresJsSession(reserved, parts.dialect, parts.schema, parts.options);
    // Typed for a `begin` connection; a reserved one lacks only savepoint and prepare, which a
    // read that nests no transaction never calls.
    const tx = new PostgresJsTransaction(
      parts.dialect,
      txSession as unknown as ConstructorParameters<typeof PostgresJsTransaction>[1],
      parts.schema,
    );
    // The same object drizzle's own transaction hands out, typed as the app's Tx.
    result = await fn(tx as unknown as Tx);
    await begin;
    await settings;
  } catch (error) {
    await finish(reserved, "rollback");
    // A failed setting aborts the transaction: report it, not the statement it broke.
    await begin;
    await settings;
    throw error;
  }
  trackReadEnd(finish(reserved, "commit"));
  return result;
}

/** Ends the transaction, then gives the connection back (after the answer: never mid-transaction). */
async function finish(reserved: ReservedSql, statement: "commit" | "rollback"): Promise<void> {
  try {
    await reserved.unsafe(statement);
  } catch {
    // A read-only transaction loses nothing when its end fails; a broken connection is
    // dropped by postgres.js itself.
  } finally {
    reserved.release();
  }
}

/** readWithRlsContext scoped to one workspace (RLS as withTenant). */
export function readInTenant<T>(
  db: Database,
  workspaceId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!UUID.test(workspaceId)) throw new Error("readInTenant needs a workspace id (uuid)");
  return readWithRlsContext(db, { workspaceId }, fn);
}

/** readWithRlsContext as a user across their memberships (RLS as withUser). */
export function readAsUser<T>(
  db: Database,
  userId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!userId) throw new Error("readAsUser needs a user id");
  return readWithRlsContext(db, { userId }, fn);
}
