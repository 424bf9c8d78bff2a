import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { templates } from "@/db/schema";
import { withRlsContext, withTenant } from "@/db/tenant";
import { testDatabase } from "@/test/db";
import {
  type Caller,
  callerFor,
  catchError,
  createKey,
  signUpOwner,
  type TestUser,
  type TestWorkspace,
} from "@/test/factories";
import { orderStatusDraft, refundPolicyDraft, templateRowCounts } from "@/test/template-drafts";

/** Two tenants: nothing of A's templates can be read or changed from B, by any route. */
let db: Database;
type Tenant = { owner: TestUser; workspace: TestWorkspace; caller: Caller; key: Caller };
let a: Tenant;
let b: Tenant;
let secret: Awaited<ReturnType<Caller["templates"]["get"]>>;
let categoryId: string;

async function tenant(label: string): Promise<Tenant> {
  const { user, workspace, caller } = await signUpOwner(db, { workspaceName: `${label} Corp` });
  const { caller: key } = await createKey(db, caller, "write");
  return { owner: user, workspace, caller, key };
}

beforeAll(async () => {
  db = await testDatabase();
  a = await tenant("alpha");
  b = await tenant("beta");
  const created = await a.caller.templates.create(
    refundPolicyDraft({ name: "Zanzibar escalation", category: "Secret ops" }),
  );
  secret = await a.caller.templates.update({
    id: created.id,
    expectedVersion: 1,
    ...refundPolicyDraft({ name: "Zanzibar escalation", category: "Secret ops", tags: ["x"] }),
  });
  categoryId = secret.category?.id ?? "";
  await b.caller.templates.create(orderStatusDraft());
});

describe("templates: tenant isolation", () => {
  it("B cannot list, get, search, render, export or change A's templates", async () => {
    const id = secret.id;
    for (const caller of [b.caller, b.key]) {
      const attempts: [string, () => Promise<unknown>][] = [
        ["get", () => caller.templates.get({ id })],
        ["render", () => caller.templates.render({ id, values: {}, format: "text" })],
        ["export", () => caller.templates.export({ format: "json", ids: [id] })],
        [
          "update",
          () => caller.templates.update({ id, expectedVersion: 2, ...orderStatusDraft() }),
        ],
        ["archive", () => caller.templates.archive({ id })],
        ["restore", () => caller.templates.restore({ id })],
        ["duplicate", () => caller.templates.duplicate({ id })],
        ["recordUse", () => caller.templates.recordUse({ id })],
        ["versions.list", () => caller.templates.versions.list({ id })],
        ["versions.get", () => caller.templates.versions.get({ id, version: 1 })],
        ["versions.restore", () => caller.templates.versions.restore({ id, version: 1 })],
        [
          "categories.rename",
          () => caller.templates.categories.rename({ id: categoryId, name: "Mine" }),
        ],
        ["categories.remove", () => caller.templates.categories.remove({ id: categoryId })],
        ["remove", () => caller.templates.remove({ ids: [id] })],
        ["bulk archive", () => caller.templates.bulk({ ids: [id], action: "archive" })],
        ["bulk move", () => caller.templates.bulk({ ids: [id], action: "move", category: "x" })],
        ["bulk tag", () => caller.templates.bulk({ ids: [id], action: "tag", tag: "x" })],
        ["bulk trash", () => caller.templates.bulk({ ids: [id], action: "trash" })],
      ];
      for (const [name, attempt] of attempts) {
        expect([name, (await catchError(attempt())).code]).toEqual([name, "NOT_FOUND"]);
      }
      const listed = await caller.templates.list({ limit: 100 });
      expect(listed.items.map((t) => t.name)).toEqual(["Order status"]);
      for (const query of ["zanzibar", "zanzibr escalaton", "secret", "refund"]) {
        expect((await caller.templates.search({ query })).items).toEqual([]);
      }
      expect((await caller.templates.categories.list()).map((c) => c.name)).toEqual(["Orders"]);
      const exported = await caller.templates.export({ format: "json" });
      expect(exported.content).not.toContain("Zanzibar");
    }
    expect(await a.caller.templates.get({ id })).toEqual(secret);
    expect((await a.caller.templates.versions.list({ id })).map((v) => v.version)).toEqual([2, 1]);
    expect((await a.caller.templates.categories.list()).map((c) => c.name)).toEqual(["Secret ops"]);
  });

  it("B's owner naming A's workspace gets NOT_FOUND", async () => {
    const intruder = await callerFor(db, { user: b.owner, slug: a.workspace.slug });
    for (const attempt of [
      () => intruder.templates.list({}),
      () => intruder.templates.search({ query: "zanzibar" }),
      () => intruder.templates.get({ id: secret.id }),
      () => intruder.templates.create(orderStatusDraft()),
      () => intruder.templates.import({ format: "json", content: "{}" }),
    ]) {
      expect((await catchError(attempt())).code).toBe("NOT_FOUND");
    }
  });

  it("raw SQL inside withTenant(B) sees none of A's rows in any template table", async () => {
    expect(await templateRowCounts(db, a.workspace.id)).toMatchObject({
      templates: 1,
      versions: 2,
      categories: 1,
    });
    await withTenant(db, b.workspace.id, async (tx) => {
      for (const table of [
        "templates",
        "template_versions",
        "template_variables",
        "template_triggers",
        "template_categories",
        "template_search_terms",
      ]) {
        const rows = readRows<{ own: number; others: number }>(
          await tx.execute(sql`select
            count(*) filter (where workspace_id = ${b.workspace.id})::int as own,
            count(*) filter (where workspace_id <> ${b.workspace.id})::int as others
            from ${sql.identifier(table)}`),
        );
        expect([table, rows[0]?.others]).toEqual([table, 0]);
        expect(rows[0]?.own).toBeGreaterThan(0);
      }
      // The search probes run with RLS bypassed; they filter by the tenant themselves.
      const candidates = readRows<{ id: string }>(
        await tx.execute(sql`select c as id from template_search_candidates(
          to_tsquery('simple', 'zanzibar:* | refund:*'), null, null, null, null, 100, 100, 100) c`),
      );
      expect(candidates).toEqual([]);
      const similar = readRows(
        await tx.execute(sql`select * from template_search_similar_terms(array['zanzibr'], 5)`),
      );
      expect(similar).toEqual([]);
    });
  });

  it("B cannot write rows into A's workspace, and nobody sees anything without a tenant", async () => {
    const insert = withTenant(db, b.workspace.id, (tx) =>
      tx.insert(templates).values({ workspaceId: a.workspace.id, name: "Planted", content: "x" }),
    );
    await expect(insert).rejects.toThrow();
    await withRlsContext(db, {}, async (tx) => {
      const rows = readRows<{ n: number }>(
        await tx.execute(sql`select
          (select count(*)::int from templates) + (select count(*)::int from template_search_terms)
          + (select count(*)::int from template_search_candidates(to_tsquery('simple', 'zanzibar:*'),
              null, null, null, null, 10, 10, 10)) as n`),
      );
      expect(rows[0]?.n).toBe(0);
    });
  });

  it("A's trash, languages and audit people stay A's", async () => {
    const trashed = await a.caller.templates.create(
      refundPolicyDraft({ name: "Zanzibar binned", language: "sw" }),
    );
    await a.caller.templates.remove({ ids: [trashed.id] });
    expect((await b.caller.templates.trash.list()).map((t) => t.name)).toEqual([]);
    const restore = catchError(b.caller.templates.trash.restore({ ids: [trashed.id] }));
    expect((await restore).code).toBe("NOT_FOUND");
    expect((await a.caller.templates.trash.list()).map((t) => t.id)).toEqual([trashed.id]);
    expect((await b.caller.templates.languages()).map((l) => l.language)).toEqual(["en"]);
    const actors = (await b.caller.audit.actors()).map((x) => x.actorId);
    expect(actors).toContain(b.owner.id);
    expect(actors).not.toContain(a.owner.id);
    const csv = await b.caller.audit.exportCsv({});
    expect(csv.content).not.toContain("Zanzibar");
    await a.caller.templates.trash.restore({ ids: [trashed.id] });
    await a.caller.templates.remove({ ids: [trashed.id] });
  });
});
