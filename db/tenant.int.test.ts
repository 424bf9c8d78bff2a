import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { apiKeys, auditLog, invitations, memberships, users, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { testDatabase } from "@/test/db";

/** Point 3 of the foundation: inside withTenant(A), raw SQL aimed at B sees and changes nothing. */
describe("withTenant isolates workspaces in the database itself", () => {
  let db: Database;
  const a = crypto.randomUUID();
  const b = crypto.randomUUID();
  const userA = crypto.randomUUID();
  const userB = crypto.randomUUID();

  beforeAll(async () => {
    db = await testDatabase();
    await db.insert(users).values([
      { id: userA, email: `a-${a}@example.test` },
      { id: userB, email: `b-${b}@example.test` },
    ]);
    for (const [id, user] of [
      [a, userA],
      [b, userB],
    ] as const) {
      await withTenant(db, id, async (tx) => {
        await tx.insert(workspaces).values({ id, name: `WS ${id}`, slug: `ws-${id}` });
        await tx.insert(memberships).values({ workspaceId: id, userId: user, role: "owner" });
        await tx.insert(apiKeys).values({
          workspaceId: id,
          name: "k",
          prefix: "pk_x",
          secretHash: `h-${id}`,
          scope: "read",
        });
        await tx.insert(invitations).values({
          workspaceId: id,
          email: "x@example.test",
          role: "agent",
          tokenHash: `t-${id}`,
          expiresAt: new Date(Date.now() + 1e6),
        });
        await tx
          .insert(auditLog)
          .values({ workspaceId: id, actorType: "system", action: "test", entityType: "test" });
      });
    }
  });

  it("runs as the non-superuser application role even when the connection is a superuser", async () => {
    const rows = await withTenant(db, a, async (tx) =>
      readRows<{ role: string; bypass: boolean; super: boolean }>(
        await tx.execute(sql`select current_user as role, r.rolbypassrls as bypass, r.rolsuper as super
                             from pg_roles r where r.rolname = current_user`),
      ),
    );
    expect(rows[0]).toEqual({ role: "parley_app", bypass: false, super: false });
  });

  const tables = ["workspaces", "memberships", "api_keys", "invitations", "audit_log"] as const;
  const ownerColumn = (table: string) => (table === "workspaces" ? "id" : "workspace_id");

  it.each(tables)("a raw select on %s sees only the current workspace", async (table) => {
    const seen = await withTenant(db, a, async (tx) =>
      readRows<{ owner: string }>(
        await tx.execute(sql.raw(`select ${ownerColumn(table)}::text as owner from ${table}`)),
      ),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.owner))).toEqual(new Set([a]));
  });

  // audit_log is append-only for the application role (db/privileges.int.test.ts).
  const writable = tables.filter((t) => t !== "audit_log");
  it.each(writable)("a raw update or delete of %s aimed at B changes nothing", async (table) => {
    const column = ownerColumn(table);
    await withTenant(db, a, async (tx) => {
      const updated = readRows(
        await tx.execute(
          sql.raw(`update ${table} set ${column} = ${column} where ${column} = '${b}' returning 1`),
        ),
      );
      const deleted = readRows(
        await tx.execute(sql.raw(`delete from ${table} where ${column} = '${b}' returning 1`)),
      );
      expect(updated).toHaveLength(0);
      expect(deleted).toHaveLength(0);
    });
    const stillThere = await withTenant(db, b, async (tx) =>
      readRows(await tx.execute(sql.raw(`select 1 from ${table} where ${column} = '${b}'`))),
    );
    expect(stillThere.length).toBeGreaterThan(0);
  });

  it("an insert into B's workspace is rejected by the policy", async () => {
    await expect(
      withTenant(db, a, (tx) =>
        tx.insert(memberships).values({ workspaceId: b, userId: userA, role: "owner" }),
      ),
    ).rejects.toThrow();
    await expect(
      withTenant(db, a, (tx) =>
        tx
          .insert(auditLog)
          .values({ workspaceId: b, actorType: "system", action: "x", entityType: "x" }),
      ),
    ).rejects.toThrow();
    const bMembers = await withTenant(db, b, (tx) =>
      tx.select().from(memberships).where(eq(memberships.userId, userA)),
    );
    expect(bMembers).toHaveLength(0);
  });

  it("without withTenant the application role sees no tenant rows at all", async () => {
    const rows = await db.transaction(async (tx) => {
      await tx.execute(sql.raw("set local role parley_app"));
      return readRows(await tx.execute(sql.raw("select * from memberships")));
    });
    expect(rows).toHaveLength(0);
  });

  it("users of another workspace are invisible to the application role", async () => {
    const seen = await withTenant(db, a, (tx) => tx.select({ id: users.id }).from(users));
    expect(seen.map((u) => u.id)).toEqual([userA]);
  });
});
