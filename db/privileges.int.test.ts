import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import {
  auditLog,
  templateCategories,
  templates,
  templateVersions,
  users,
  workspaces,
} from "@/db/schema";
import { APP_ROLE, withTenant } from "@/db/tenant";
import { testDatabase } from "@/test/db";

/**
 * Issue #7 point 11: what the application role may do, checked in the database itself
 * (migrations 0006 and 0007). The connection's own user is a superuser in tests, so the
 * composite keys are shown to hold with RLS bypassed.
 */
let db: Database;
const a = crypto.randomUUID();
const b = crypto.randomUUID();
const user = crypto.randomUUID();

/** The SQLSTATE of a failed query, through either driver's error wrapping. */
async function sqlState(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    let current: unknown = error;
    for (let depth = 0; current && depth < 4; depth++) {
      const code = (current as { code?: unknown }).code;
      if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
      current = (current as { cause?: unknown }).cause;
    }
    throw error;
  }
  return undefined;
}

const PERMISSION_DENIED = "42501";
const FOREIGN_KEY_VIOLATION = "23503";

beforeAll(async () => {
  db = await testDatabase();
  await db
    .insert(users)
    .values({ id: user, email: `priv-${user}@example.test`, passwordHash: "h" });
  for (const id of [a, b]) {
    await withTenant(db, id, async (tx) => {
      await tx.insert(workspaces).values({ id, name: `WS ${id}`, slug: `ws-${id}` });
      await tx
        .insert(auditLog)
        .values({ workspaceId: id, actorType: "system", action: "test", entityType: "test" });
    });
  }
});

describe("audit_log is append-only for the application role", () => {
  it("refuses UPDATE and DELETE of the tenant's own rows, allows INSERT and SELECT", async () => {
    const attempts = [
      sql`update audit_log set action = 'forged' where workspace_id = ${a}`,
      sql`delete from audit_log where workspace_id = ${a}`,
      sql`truncate audit_log`,
    ];
    for (const statement of attempts) {
      expect(await sqlState(withTenant(db, a, (tx) => tx.execute(statement)))).toBe(
        PERMISSION_DENIED,
      );
    }
    const rows = await withTenant(db, a, async (tx) => {
      await tx
        .insert(auditLog)
        .values({ workspaceId: a, actorType: "system", action: "again", entityType: "test" });
      return tx.select({ action: auditLog.action }).from(auditLog);
    });
    expect(rows.map((r) => r.action).sort()).toEqual(["again", "test"]);
  });

  it("deleting a workspace still removes its audit rows (cascades run as the owner)", async () => {
    const doomed = crypto.randomUUID();
    await withTenant(db, doomed, async (tx) => {
      await tx.insert(workspaces).values({ id: doomed, name: "Doomed", slug: `ws-${doomed}` });
      await tx
        .insert(auditLog)
        .values({ workspaceId: doomed, actorType: "system", action: "x", entityType: "x" });
      // Even the application role may delete its own workspace: the cascade is not its DELETE.
      await tx.delete(workspaces).where(eq(workspaces.id, doomed));
    });
    const left = await db.select().from(auditLog).where(eq(auditLog.workspaceId, doomed));
    expect(left).toEqual([]);
  });
});

describe("password hashes are out of the application role's reach", () => {
  it("cannot select users.password_hash, even of its own user; other columns are readable", async () => {
    const readHash = withTenant(db, a, (tx) =>
      tx.execute(sql`select password_hash from users where id = ${user}`),
    );
    expect(await sqlState(readHash)).toBe(PERMISSION_DENIED);
    const star = withTenant(db, a, (tx) => tx.execute(sql`select * from users`));
    expect(await sqlState(star)).toBe(PERMISSION_DENIED);
    const visible = await withTenant(db, a, (tx) =>
      tx.execute(sql`select id, name, email, email_verified, image, created_at from users`),
    );
    expect(readRows(visible)).toEqual([]);
  });

  it("cannot write users at all", async () => {
    for (const statement of [
      sql`update users set password_hash = 'x' where id = ${user}`,
      sql`insert into users (id, email) values (${crypto.randomUUID()}, 'new@example.test')`,
    ]) {
      expect(await sqlState(withTenant(db, a, (tx) => tx.execute(statement)))).toBe(
        PERMISSION_DENIED,
      );
    }
  });
});

describe("no default privileges", () => {
  it("a table created after the migrations is not granted to the application role", async () => {
    const name = `probe_${crypto.randomUUID().replaceAll("-", "")}`;
    const granted = await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`create table ${name} (id int)`));
      const rows = readRows<{ select: boolean; insert: boolean }>(
        await tx.execute(sql`select has_table_privilege(${APP_ROLE}, ${name}, 'SELECT') as select,
                                    has_table_privilege(${APP_ROLE}, ${name}, 'INSERT') as insert`),
      );
      await tx.execute(sql.raw(`drop table ${name}`));
      return rows[0];
    });
    expect(granted).toEqual({ select: false, insert: false });
    const defaults = readRows<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from pg_default_acl where defaclacl::text like ${`%${APP_ROLE}=%`}`,
      ),
    );
    expect(defaults[0]?.n).toBe(0);
  });
});

describe("tenant rows cannot point at another workspace's rows", () => {
  it("refuses a template with another workspace's category, as superuser (RLS bypassed)", async () => {
    const [category] = await db
      .insert(templateCategories)
      .values({ workspaceId: a, name: `Secret ${a}` })
      .returning();
    const planted = db
      .insert(templates)
      .values({ workspaceId: b, name: "Planted", content: "x", categoryId: category?.id });
    expect(await sqlState(planted)).toBe(FOREIGN_KEY_VIOLATION);
    const [own] = await db
      .insert(templates)
      .values({ workspaceId: b, name: "Own", content: "x" })
      .returning();
    const moved = db
      .update(templates)
      .set({ categoryId: category?.id })
      .where(eq(templates.id, own?.id ?? ""));
    expect(await sqlState(moved)).toBe(FOREIGN_KEY_VIOLATION);
  });

  it("refuses a version, variable or trigger of another workspace's template", async () => {
    const [template] = await db
      .insert(templates)
      .values({ workspaceId: a, name: "A's", content: "x" })
      .returning();
    const id = template?.id ?? "";
    const attempts = [
      db.insert(templateVersions).values({
        workspaceId: b,
        templateId: id,
        version: 9,
        snapshot: {} as never,
        changeSummary: "planted",
      }),
      db.execute(sql`insert into template_variables (workspace_id, template_id, position, name, type)
                     values (${b}, ${id}, 0, 'v', 'text')`),
      db.execute(sql`insert into template_triggers (workspace_id, template_id, position, kind, value)
                     values (${b}, ${id}, 0, 'keyword', 'v')`),
    ];
    for (const attempt of attempts) expect(await sqlState(attempt)).toBe(FOREIGN_KEY_VIOLATION);
  });

  it("deleting a category clears templates' category and keeps their workspace", async () => {
    const [category] = await db
      .insert(templateCategories)
      .values({ workspaceId: a, name: `Gone ${crypto.randomUUID()}` })
      .returning();
    const [template] = await db
      .insert(templates)
      .values({ workspaceId: a, name: "Filed", content: "x", categoryId: category?.id })
      .returning();
    await db.delete(templateCategories).where(eq(templateCategories.id, category?.id ?? ""));
    const [after] = await db
      .select({ workspaceId: templates.workspaceId, categoryId: templates.categoryId })
      .from(templates)
      .where(eq(templates.id, template?.id ?? ""));
    expect(after).toEqual({ workspaceId: a, categoryId: null });
  });
});
