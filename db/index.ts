import { mkdirSync } from "node:fs";
import { getEnv } from "@/server/env";
import { type DatabaseHandle, openDatabase } from "./client";
import { migrateDatabase } from "./migrate";

export type { Database, Queryable, Tx } from "./client";

type Holder = { handle?: DatabaseHandle; ready?: Promise<DatabaseHandle> };

// One instance per process, kept on globalThis so Next's dev reloads and the in-process
// worker share it: PGlite is one connection and must never be opened twice (STACK.md).
const globalHolder = globalThis as { __parleyDb?: Holder };
globalHolder.__parleyDb ??= {};
const holder: Holder = globalHolder.__parleyDb;

function open(): DatabaseHandle {
  if (holder.handle) return holder.handle;
  const env = getEnv();
  if (!env.DATABASE_URL && !env.PGLITE_DIR.startsWith("memory://")) {
    mkdirSync(env.PGLITE_DIR, { recursive: true });
  }
  holder.handle = openDatabase({ url: env.DATABASE_URL, dir: env.PGLITE_DIR });
  return holder.handle;
}

/**
 * The database, migrated. The first caller applies pending migrations (the app and the CLI
 * both start this way), later callers get the same promise.
 */
export function getDatabase(): Promise<DatabaseHandle> {
  holder.ready ??= (async () => {
    const handle = open();
    await migrateDatabase(handle);
    // Job queues are part of the schema the app expects: created before anything can enqueue.
    const { ensureJobQueues } = await import("@/server/jobs/queues");
    await ensureJobQueues(handle.db);
    return handle;
  })().catch((error: unknown) => {
    holder.ready = undefined;
    throw error;
  });
  return holder.ready;
}

/** Closes the process's database (CLI exit, tests). */
export async function closeDatabase(): Promise<void> {
  const handle = holder.handle;
  holder.handle = undefined;
  holder.ready = undefined;
  await handle?.close();
}
