import type { Database } from "@/db";
import { getDatabase } from "@/db";

/**
 * The integration suite's database: the project's env decides which (vitest.config.ts) —
 * an in-memory PGlite, or the PostgreSQL at TEST_DATABASE_URL. Migrated once per test file;
 * tests never share a workspace, so they need no cleanup between them.
 */
export async function testDatabase(): Promise<Database> {
  const handle = await getDatabase();
  return handle.db;
}

export async function testDatabaseHandle() {
  return getDatabase();
}
