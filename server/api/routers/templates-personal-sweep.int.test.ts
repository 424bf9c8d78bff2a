import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { NO_AI } from "@/test/ai";
import { testDatabase } from "@/test/db";
import { addMember, type Caller, callerFor, createKey, signUpOwner } from "@/test/factories";
import { ORIGINAL } from "@/test/optimize-kit";
import { callProcedure, listProcedures } from "@/test/router-walk";
import { orderStatusDraft, refundPolicyDraft } from "@/test/template-drafts";

/**
 * Issue #11, personal templates: RLS keeps workspaces apart, this proves the in-workspace rule.
 * An agent keeps a personal template (with a French translation, a favourite and a version 2).
 * Every procedure of `templates.*`, found by walking the router, is called with its ids by the
 * other people of the same workspace: a second agent, the owner, an admin, a write key and a
 * read key. None of them gets any of it back, and none of its rows change. A templates
 * procedure without an entry in FIXTURES fails the first test.
 */
type Ids = {
  personalId: string;
  translationId: string;
  sharedId: string;
  categoryId: string;
  /** An admin's personal template, with a rewrite proposal (optimize is for admins). */
  adminPersonalId: string;
  optimizationId: string;
};
type Fixture = { inputs: (ids: Ids) => unknown[] } | { skip: string };
const call = (inputs: (ids: Ids) => unknown[]): Fixture => ({ inputs });

const FIXTURES: Record<string, Fixture> = {
  "templates.list": call(() => [
    {},
    { owner: "mine" },
    { owner: "shared" },
    { language: "fr" },
    { status: "draft" },
    { favourites: true },
    { sort: "name" },
  ]),
  "templates.languages": call(() => [undefined]),
  "templates.get": call((i) => [{ id: i.personalId }, { id: i.translationId }]),
  "templates.search": call(() => [
    { query: "Quokka" },
    { query: "quokka" + "secret" },
    { query: "quoka privte" },
    { query: "wombat", language: "fr" },
  ]),
  "templates.validate": call(() => [{ draft: orderStatusDraft() }]),
  "templates.render": call((i) => [
    { id: i.personalId, values: {} },
    { id: i.sharedId, values: {}, language: "fr" },
    { id: i.translationId, values: {}, language: "en" },
  ]),
  "templates.recordUse": call((i) => [{ id: i.personalId }, { id: i.translationId }]),
  "templates.create": call(() => [orderStatusDraft({ name: "Sweep new" })]),
  "templates.update": call((i) => [
    { id: i.personalId, expectedVersion: 2, ...orderStatusDraft({ name: "Taken" }) },
    {
      id: i.personalId,
      expectedVersion: 2,
      ...orderStatusDraft({ name: "Taken" }),
      visibility: "everyone",
    },
  ]),
  "templates.archive": call((i) => [{ id: i.personalId }]),
  "templates.restore": call((i) => [{ id: i.personalId }]),
  "templates.remove": call((i) => [{ ids: [i.personalId] }, { ids: [i.translationId] }]),
  "templates.bulk": call((i) => [
    { ids: [i.personalId], action: "archive" },
    { ids: [i.personalId], action: "trash" },
    { ids: [i.personalId, i.sharedId], action: "tag", tag: "grabbed" },
    { ids: [i.personalId], action: "move", category: "Elsewhere" },
  ]),
  "templates.duplicate": call((i) => [{ id: i.personalId }]),
  // Imports match names among shared templates only: a file naming the personal template
  // creates a shared one of its own, never touches the personal one (checked below).
  "templates.import": call(() => [
    {
      format: "json",
      mode: "overwrite",
      content: JSON.stringify({
        templates: [refundPolicyDraft({ name: "Quokka private note", content: "Imported." })],
      }),
    },
  ]),
  "templates.export": call((i) => [
    { format: "json", ids: [i.personalId] },
    { format: "json" },
    { format: "csv" },
  ]),
  "templates.versions.list": call((i) => [{ id: i.personalId }]),
  "templates.versions.get": call((i) => [
    { id: i.personalId, version: 1 },
    { id: i.personalId, version: 2 },
  ]),
  "templates.versions.restore": call((i) => [{ id: i.personalId, version: 1 }]),
  "templates.translations.list": call((i) => [{ id: i.personalId }, { id: i.translationId }]),
  "templates.translations.add": call((i) => [{ id: i.personalId, language: "de" }]),
  "templates.trash.list": call(() => [undefined]),
  "templates.trash.restore": call((i) => [{ ids: [i.personalId] }]),
  "templates.favourites.list": call(() => [undefined]),
  "templates.favourites.set": call((i) => [
    { id: i.personalId, favourite: true },
    { id: i.personalId, favourite: false },
  ]),
  "templates.categories.list": call(() => [undefined]),
  "templates.categories.rename": call((i) => [{ id: i.categoryId, name: "Private renamed" }]),
  "templates.categories.remove": call(() => []),
  "templates.categories.merge": call(() => []),
  "templates.optimize": call((i) => [
    { templateId: i.personalId },
    { templateId: i.adminPersonalId },
  ]),
  "templates.optimizations.list": call((i) => [
    { templateId: i.adminPersonalId },
    { templateId: i.personalId },
  ]),
  "templates.optimizations.accept": call((i) => [{ id: i.optimizationId }]),
  "templates.optimizations.discard": call((i) => [{ id: i.optimizationId }]),
};

const REFUSALS = new Set(["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST", "CONFLICT"]);

let db: Database;
let ids: Ids;
let markers: string[];
let owner: Caller;
let agent: Caller;
let others: [string, Caller][];

beforeAll(async () => {
  db = await testDatabase();
  const signedUp = await signUpOwner(db, { workspaceName: "Personal sweep" });
  owner = signedUp.caller;
  ({ caller: agent } = await addMember(db, signedUp.workspace, "agent"));
  const { caller: otherAgent } = await addMember(db, signedUp.workspace, "agent");
  const { caller: admin } = await addMember(db, signedUp.workspace, "admin");
  const { caller: writeKey } = await createKey(db, owner, "write");
  const { caller: readKey } = await createKey(db, owner, "read");
  const shared = await owner.templates.create(
    refundPolicyDraft({ name: "Shared refund", category: "Private shelf" }),
  );
  const personal = await agent.templates.create({
    ...refundPolicyDraft({
      name: "Quokka private note",
      content: "quokkasecret: my own words",
      category: "Private shelf",
      tags: ["quokka-tag"],
      language: "en",
    }),
    visibility: "personal",
  });
  await agent.templates.update({
    id: personal.id,
    expectedVersion: 1,
    ...refundPolicyDraft({
      name: "Quokka private note",
      content: "quokkasecret: my own words, v2",
      category: "Private shelf",
      tags: ["quokka-tag"],
    }),
  });
  const translation = await agent.templates.translations.add({ id: personal.id, language: "fr" });
  await agent.templates.update({
    id: translation.id,
    expectedVersion: 1,
    ...refundPolicyDraft({
      name: "Quokka note privée",
      content: "quokkasecret: wombat mes propres mots",
      category: "Private shelf",
      tags: ["quokka-tag"],
      language: "fr",
    }),
  });
  await agent.templates.favourites.set({ id: personal.id, favourite: true });
  const { user: adminOwnerUser } = await addMember(db, signedUp.workspace, "admin");
  const adminOwner = await callerFor(
    db,
    { user: adminOwnerUser, slug: signedUp.workspace.slug },
    { ai: NO_AI },
  );
  const adminPersonal = await adminOwner.templates.create({
    ...orderStatusDraft({ name: "Quokka admin note", content: `${ORIGINAL} quokkasecret` }),
    visibility: "personal",
  });
  const proposal = await adminOwner.templates.optimize({ templateId: adminPersonal.id });
  ids = {
    personalId: personal.id,
    translationId: translation.id,
    sharedId: shared.id,
    categoryId: shared.category?.id ?? "",
    adminPersonalId: adminPersonal.id,
    optimizationId: proposal.optimizationId,
  };
  markers = [
    personal.id,
    translation.id,
    adminPersonal.id,
    proposal.optimizationId,
    "quokkasecret",
    "quokka-tag",
    "Quokka note privée",
    "fr",
  ];
  others = [
    ["another agent", otherAgent],
    ["the owner", owner],
    ["an admin", admin],
    ["a write key", writeKey],
    ["a read key", readKey],
  ];
});

/** The personal template's rows and its translation's, in every table, as text (superuser). */
async function personalRows(): Promise<string> {
  const own = [ids.personalId, ids.translationId, ids.adminPersonalId];
  const [row] = readRows<{ rows: string | null }>(
    await db.execute(sql`select concat_ws(E'\n',
      (select string_agg(o::text, E'\n' order by o.id) from template_optimizations o
        where o.template_id in (${own[0]}, ${own[1]}, ${own[2]})),
      (select string_agg(t::text, E'\n' order by t.id) from templates t
        where t.id in (${own[0]}, ${own[1]}, ${own[2]})),
      (select string_agg(v::text, E'\n' order by v.id) from template_versions v
        where v.template_id in (${ids.personalId}, ${ids.translationId})),
      (select string_agg(v::text, E'\n' order by v.id) from template_variables v
        where v.template_id in (${ids.personalId}, ${ids.translationId})),
      (select string_agg(v::text, E'\n' order by v.id) from template_triggers v
        where v.template_id in (${ids.personalId}, ${ids.translationId})),
      (select string_agg(f::text, E'\n' order by f.user_id) from template_favourites f
        where f.template_id in (${ids.personalId}, ${ids.translationId}))) as rows`),
  );
  return row?.rows ?? "";
}

async function outcome(caller: Caller, path: string, input: unknown) {
  try {
    return { ok: true as const, result: await callProcedure(caller, path, input) };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false as const, code: error.code };
    throw error;
  }
}

/** The language marker "fr" is only a leak inside the personal group's language chips. */
function leaks(text: string): string[] {
  return markers.filter((m) =>
    m === "fr" ? /"languages":\[[^\]]*"fr"/.test(text) : text.includes(m),
  );
}

describe("personal templates: every templates procedure, called by the rest of the workspace", () => {
  const paths = listProcedures()
    .map((p) => p.path)
    .filter((p) => p.startsWith("templates."));

  it("has a fixture for every templates procedure", () => {
    expect(paths.filter((p) => !(p in FIXTURES))).toEqual([]);
    expect(Object.keys(FIXTURES).filter((p) => !paths.includes(p))).toEqual([]);
  });

  it("the owner of the personal template sees and uses all of it", async () => {
    const listed = await agent.templates.list({ owner: "mine" });
    expect(listed.items.map((t) => [t.name, t.languages])).toEqual([
      ["Quokka private note", ["en", "fr"]],
    ]);
    const found = await agent.templates.search({ query: "quokkasecret" });
    expect(found.items.map((t) => t.id).sort()).toEqual([ids.personalId, ids.translationId].sort());
    const copy = await agent.templates.render({ id: ids.personalId, values: {}, language: "fr" });
    expect(copy.variant?.id).toBe(ids.translationId);
    expect(await agent.templates.favourites.list()).toEqual([ids.personalId]);
    const exported = await agent.templates.export({ format: "json" });
    expect(exported.content).toContain("quokkasecret");
  });

  it("nobody else gets any of it, and none of its rows change", async () => {
    const before = await personalRows();
    const problems: string[] = [];
    let calls = 0;
    for (const path of paths) {
      const fixture = FIXTURES[path];
      if (!fixture || "skip" in fixture) continue;
      for (const input of fixture.inputs(ids)) {
        for (const [who, caller] of others) {
          calls++;
          const answer = await outcome(caller, path, input);
          const where = `${who}: ${path}(${JSON.stringify(input)?.slice(0, 90)})`;
          if (!answer.ok) {
            if (!REFUSALS.has(answer.code)) problems.push(`${where} → ${answer.code}`);
            continue;
          }
          const leaked = leaks(JSON.stringify(answer.result) ?? "");
          if (leaked.length > 0) problems.push(`${where} returned ${leaked.join(", ")}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThan(200);
    expect(await personalRows()).toEqual(before);
    // The owner still has it whole, at version 2.
    const mine = await agent.templates.get({ id: ids.personalId });
    expect([mine.name, mine.currentVersion, mine.visibility]).toEqual([
      "Quokka private note",
      2,
      "personal",
    ]);
  });
});
