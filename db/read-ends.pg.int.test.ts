import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { readRows } from "./migrate";
import { readInTenant } from "./tenant-read";

/**
 * readInTenant answers before its COMMIT is acknowledged (tenant-read.ts). Closing the client
 * right after must wait for that COMMIT, not for postgres.js's 5 s end() timeout, which every
 * CLI command whose last query was such a read used to sit out.
 */
describe("closing a PostgreSQL client after a read transaction", () => {
  it("waits for the read's COMMIT only, not the 5 s timeout", async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("read-ends.pg.int.test.ts needs DATABASE_URL (PostgreSQL)");
    const handle = openDatabase({ url, dir: "", max: 2 });
    const rows = await readInTenant(handle.db, crypto.randomUUID(), (tx) =>
      tx.execute(sql`select 41 + 1 as answer`),
    );
    expect(readRows<{ answer: number }>(rows)[0]?.answer).toBe(42);
    const started = performance.now();
    await handle.close();
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
