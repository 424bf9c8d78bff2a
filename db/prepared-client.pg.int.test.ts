import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "./client";
import { readRows } from "./migrate";
import { workspaces } from "./schema";
import { withTenant } from "./tenant";
import { readInTenant } from "./tenant-read";

/**
 * drizzle's queries run as prepared statements on PostgreSQL (prepared-client.ts), and a
 * statement reused on one connection for two workspaces still sees each one's rows only.
 * One connection (max 1), so every transaction below shares its statements.
 */
describe("drizzle's queries on PostgreSQL", () => {
  let handle: DatabaseHandle;
  const a = crypto.randomUUID();
  const b = crypto.randomUUID();
  // A marker in the query text finds its statement in pg_prepared_statements.
  const marker = `prepared_${a.slice(0, 8)}`;

  beforeAll(async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("prepared-client.pg.int.test.ts needs DATABASE_URL (PostgreSQL)");
    handle = openDatabase({ url, dir: "", max: 1 });
    for (const id of [a, b]) {
      await withTenant(handle.db, id, (tx) =>
        tx.insert(workspaces).values({ id, name: `WS ${id}`, slug: `ws-prep-${id}` }),
      );
    }
  });
  afterAll(async () => {
    await handle.close();
  });

  const namesVisible = (workspaceId: string, read: typeof withTenant) =>
    read(handle.db, workspaceId, async (tx) => {
      const rows = await tx.execute(
        sql`select name as ${sql.identifier(marker)} from workspaces where slug like ${"ws-prep-%"}`,
      );
      const prepared = await tx.execute(
        sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%${marker}%`}`,
      );
      return {
        names: readRows<Record<string, string>>(rows).map((r) => r[marker]),
        prepared: readRows<{ n: number }>(prepared)[0]?.n ?? 0,
      };
    });

  it("keeps a parameterised query as a prepared statement of the connection", async () => {
    const first = await namesVisible(a, withTenant);
    expect(first.prepared).toBe(1);
    const again = await namesVisible(a, withTenant);
    expect(again.prepared).toBe(1);
  });

  it("answers a reused statement under each transaction's own workspace", async () => {
    expect((await namesVisible(a, withTenant)).names).toEqual([`WS ${a}`]);
    const inB = await namesVisible(b, withTenant);
    expect(inB.prepared).toBe(1);
    expect(inB.names).toEqual([`WS ${b}`]);
    // The pipelined read transaction (a reserved connection) prepares and scopes the same way.
    const readB = await namesVisible(b, readInTenant as typeof withTenant);
    expect(readB).toEqual({ names: [`WS ${b}`], prepared: 1 });
    expect((await namesVisible(a, readInTenant as typeof withTenant)).names).toEqual([`WS ${a}`]);
  });
});
