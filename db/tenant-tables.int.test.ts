import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { testDatabase } from "@/test/db";

/**
 * Every table with a workspace_id column is a tenant table, found from the catalog, so a table
 * added by a future migration is checked without editing this file: row level security
 * enabled and forced with at least one policy, and every foreign key to another tenant table
 * carries workspace_id on both sides (a row can only point at rows of its own workspace).
 */
let db: Database;
let tenantTables: string[];

beforeAll(async () => {
  db = await testDatabase();
  tenantTables = readRows<{ table_name: string }>(
    await db.execute(sql`select c.table_name from information_schema.columns c
      join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = 'public' and c.column_name = 'workspace_id'
        and t.table_type = 'BASE TABLE'
      order by c.table_name`),
  ).map((r) => r.table_name);
});

describe("tenant tables", () => {
  it("are found in the catalog", () => {
    expect(tenantTables).toEqual(
      expect.arrayContaining(["memberships", "api_keys", "audit_log", "templates"]),
    );
  });

  it("each has row level security enabled and forced, with a policy", async () => {
    const rows = readRows<{ table: string; enabled: boolean; forced: boolean; policies: number }>(
      await db.execute(sql`select c.relname as table, c.relrowsecurity as enabled,
          c.relforcerowsecurity as forced,
          (select count(*)::int from pg_policies p
            where p.schemaname = 'public' and p.tablename = c.relname) as policies
        from pg_class c
        where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')`),
    );
    const byName = new Map(rows.map((r) => [r.table, r]));
    const problems = tenantTables.flatMap((table) => {
      const row = byName.get(table);
      const missing = [
        !row?.enabled && "ENABLE ROW LEVEL SECURITY",
        !row?.forced && "FORCE ROW LEVEL SECURITY",
        !row?.policies && "a policy on app_workspace_id()",
      ].filter(Boolean);
      return missing.length > 0 ? [`${table} needs ${missing.join(", ")}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("each foreign key to another tenant table includes workspace_id on both sides", async () => {
    const keys = readRows<{ name: string; from: string; to: string; cols: string; refs: string }>(
      await db.execute(sql`select k.conname as name, src.relname as from, dst.relname as to,
          (select string_agg(a.attname, ',' order by x.ord) from unnest(k.conkey)
            with ordinality x(num, ord)
            join pg_attribute a on a.attrelid = k.conrelid and a.attnum = x.num) as cols,
          (select string_agg(a.attname, ',' order by x.ord) from unnest(k.confkey)
            with ordinality x(num, ord)
            join pg_attribute a on a.attrelid = k.confrelid and a.attnum = x.num) as refs
        from pg_constraint k
        join pg_class src on src.oid = k.conrelid
        join pg_class dst on dst.oid = k.confrelid
        where k.contype = 'f' and src.relnamespace = 'public'::regnamespace`),
    );
    const tenant = new Set(tenantTables);
    const between = keys.filter((k) => tenant.has(k.from) && tenant.has(k.to));
    expect(between.length).toBeGreaterThanOrEqual(4);
    const problems = between.flatMap((k) => {
      const cols = k.cols.split(",");
      const refs = k.refs.split(",");
      const paired = cols.some((c, i) => c === "workspace_id" && refs[i] === "workspace_id");
      return paired
        ? []
        : [
            `${k.name} (${k.from}.${k.cols} → ${k.to}.${k.refs}) must be (workspace_id, …) → ` +
              `${k.to}(workspace_id, …), with a unique (workspace_id, id) on ${k.to}`,
          ];
    });
    expect(problems).toEqual([]);
  });
});
