import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { lockEmbeddedDatabase } from "./embedded-lock";
import { type Listen, pgliteListen, postgresListen } from "./listen";
import { preparingEveryQuery } from "./prepared-client";
import { readEndsSettled } from "./read-ends";
import * as schema from "./schema";

type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database itself or a transaction. */
export type Queryable = Database | Tx;

export type DatabaseHandle = {
  db: Database;
  driver: "postgres" | "pglite";
  /** The connection string (PostgreSQL only); migrations open their own single connection. */
  url?: string;
  /** Present on PGlite only: pg-boss and the migrator talk to the raw instance. */
  pglite?: PGlite;
  /** LISTEN on a channel; one listening connection per process, fanned out (db/listen.ts). */
  listen: Listen;
  close: () => Promise<void>;
};

/**
 * Opens a database. `url` set: PostgreSQL through postgres.js. Otherwise PGlite in `dir`
 * (a folder, or "memory://" for a throwaway instance in tests and benchmarks).
 */
export function openDatabase(options: { url?: string; dir: string; max?: number }): DatabaseHandle {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      // Prepared statements are per connection; RLS settings are per transaction, so safe.
      prepare: true,
    });
    // drizzle's queries too, which it would otherwise run unnamed (prepared-client.ts).
    const db = drizzlePostgres(preparingEveryQuery(client), { schema, casing: "snake_case" });
    return {
      db,
      driver: "postgres",
      url: options.url,
      listen: postgresListen(client),
      close: async () => {
        await readEndsSettled();
        await client.end({ timeout: 5 });
      },
    };
  }
  // A folder is one process's (embedded-lock.ts); a throwaway in-memory instance is nobody's.
  const unlock = options.dir.startsWith("memory://") ? () => {} : lockEmbeddedDatabase(options.dir);
  const pglite = new PGlite(options.dir, { extensions: { pg_trgm } });
  const db = drizzlePglite(pglite, { schema, casing: "snake_case" });
  return {
    db,
    driver: "pglite",
    pglite,
    listen: pgliteListen(pglite),
    close: () => pglite.close().finally(unlock),
  };
}
