import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { memberships, users, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { readAsUser, readInTenant } from "@/db/tenant-read";
import { testDatabase } from "@/test/db";

/** The one-round-trip read transaction keeps withTenant's and withUser's isolation. */
describe("readInTenant and readAsUser", () => {
  let db: Database;
  const a = crypto.randomUUID();
  const b = crypto.randomUUID();
  const userA = crypto.randomUUID();

  beforeAll(async () => {
    db = await testDatabase();
    await db.insert(users).values({ id: userA, email: `ra-${a}@example.test` });
    for (const id of [a, b]) {
      await withTenant(db, id, async (tx) => {
        await tx.insert(workspaces).values({ id, name: `WS ${id}`, slug: `ws-read-${id}` });
        if (id === a)
          await tx.insert(memberships).values({ workspaceId: id, userId: userA, role: "owner" });
      });
    }
  });

  it("runs as the application role and sees only the workspace it is scoped to", async () => {
    const [seen, role] = await readInTenant(db, a, (tx) =>
      Promise.all([
        tx.execute(sql`select id::text as id from workspaces`),
        tx.execute(sql`select current_user as role`),
      ]),
    );
    expect(readRows<{ id: string }>(seen).map((r) => r.id)).toEqual([a]);
    expect(readRows<{ role: string }>(role)[0]?.role).toBe("parley_app");
  });

  it("as a user, sees that user's memberships only", async () => {
    const rows = await readAsUser(db, userA, (tx) =>
      tx.select({ workspaceId: memberships.workspaceId }).from(memberships),
    );
    expect(rows.map((r) => r.workspaceId)).toEqual([a]);
  });

  it("refuses writes and reports the failing statement's error", async () => {
    await expect(
      readInTenant(db, a, (tx) =>
        tx.execute(sql`update workspaces set name = 'changed' where id = ${a}`),
      ),
    ).rejects.toThrow();
    const [row] = await readInTenant(db, a, (tx) =>
      tx.select({ name: workspaces.name }).from(workspaces),
    );
    expect(row?.name).toBe(`WS ${a}`);
  });

  it("leaves no setting behind on the pooled connection", async () => {
    // More reads than the pool has connections, each checked outside any transaction after.
    await Promise.all(
      Array.from({ length: 20 }, () => readInTenant(db, a, (tx) => tx.select().from(workspaces))),
    );
    const rows = readRows<{ ws: string | null; role: string }>(
      await db.execute(
        sql`select nullif(current_setting('app.workspace_id', true), '') as ws, current_user as role`,
      ),
    );
    expect(rows[0]?.ws ?? null).toBeNull();
    expect(rows[0]?.role).not.toBe("parley_app");
  });

  it("refuses an id that is not a uuid", () => {
    expect(() => readInTenant(db, "not-a-uuid", async () => null)).toThrow();
  });
});
