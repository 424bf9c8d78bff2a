import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { DatabaseHandle } from "./client";
import journal from "./migrations/meta/_journal.json";

export function migrationsFolder(): string {
  return path.join(process.cwd(), "db", "migrations");
}

/** Applies pending migrations with the driver's own migrator (drizzle-kit can't load pg_trgm). */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: migrationsFolder() };
  if (handle.driver === "pglite") {
    if (!handle.pglite) throw new Error("PGlite handle without its instance");
    await migratePglite(drizzlePglite(handle.pglite), config);
    return;
  }
  if (!handle.url) throw new Error("PostgreSQL handle without a connection string");
  // One connection holding an advisory lock, so web processes, the worker and the CLI that
  // start together apply each migration exactly once.
  const client = postgres(handle.url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzle(client), config);
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** An arbitrary constant shared by every Parley process ("parley" in ASCII). */
const MIGRATION_LOCK_KEY = 0x7061726c6579;

/** How many committed migrations the database has not applied yet (for /api/health). */
export async function pendingMigrationCount(handle: DatabaseHandle): Promise<number> {
  const rows = await handle.db.execute<{ count: number }>(
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  );
  const applied = Number(readRows<{ count: number }>(rows)[0]?.count ?? 0);
  return Math.max(0, journal.entries.length - applied);
}

/** postgres.js returns an array, PGlite an object with `rows`. */
export function readRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
