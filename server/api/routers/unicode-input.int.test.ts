import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { withTenant } from "@/db/tenant";
import { testDatabase } from "@/test/db";
import {
  type Caller,
  callerFor,
  catchError,
  signUpOwner,
  type TestWorkspace,
  uniqueEmail,
} from "@/test/factories";
import { refundPolicyDraft, templateRowCounts } from "@/test/template-drafts";

/**
 * Issue #7 point 8: Unicode and control characters are field errors or normalised text,
 * never a 500; search lower-cases any script safely; forged cursors are BAD_REQUEST.
 */
let db: Database;
let owner: Caller;
let workspace: TestWorkspace;

beforeAll(async () => {
  db = await testDatabase();
  ({ caller: owner, workspace } = await signUpOwner(db, { workspaceName: "Unicode" }));
});

const NUL = "a\u0000b";
const SURROGATE = "a\uD800b";
const BIDI = "invoice\u202Efdp.exe";
const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function fieldErrorOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await catchError(promise);
  expect(error.code).toBe("BAD_REQUEST");
  return Object.keys(error.shape.data.fieldErrors ?? {});
}

describe("search lower-cases any Unicode safely", () => {
  it("finds İstanbul, and misspelled search keeps working once a template is so named", async () => {
    const { caller } = await signUpOwner(db, { workspaceName: "Search İ" });
    expect((await caller.templates.search({ query: "İstanbul" })).items).toEqual([]);
    await caller.templates.create(
      refundPolicyDraft({ name: "İstanbul office hours", content: "We open at nine." }),
    );
    for (const query of ["İstanbul", "istanbul", "ISTANBUL office", "istanbl", "İSTANBL"]) {
      const { items } = await caller.templates.search({ query });
      expect([query, items.map((t) => t.name)]).toEqual([query, ["İstanbul office hours"]]);
    }
    for (const query of ["ΟΔΟΣ", "हिन्दी", "x\u0307y", "🙂", "ﬁ½ǅ"]) {
      expect((await caller.templates.search({ query })).items).toEqual([]);
    }
  });

  it("a stale vocabulary word from older code cannot break search", async () => {
    const { caller, workspace: ws } = await signUpOwner(db, { workspaceName: "Stale" });
    await caller.templates.create(refundPolicyDraft({ name: "Istanbul hours" }));
    await withTenant(db, ws.id, (tx) =>
      tx.execute(sql`insert into template_search_terms (workspace_id, term)
                     values (${ws.id}, ${"i\u0307stanbul"}), (${ws.id}, ${"it's"})`),
    );
    const { items } = await caller.templates.search({ query: "istanbl" });
    expect(items.map((t) => t.name)).toEqual(["Istanbul hours"]);
  });
});

describe("NUL, lone surrogates and bidi overrides are field errors everywhere", () => {
  it("in template names, content, tags, categories and variables", async () => {
    for (const bad of [NUL, SURROGATE, BIDI]) {
      expect(await fieldErrorOf(owner.templates.create(refundPolicyDraft({ name: bad })))).toEqual([
        "name",
      ]);
      expect(
        await fieldErrorOf(owner.templates.create(refundPolicyDraft({ content: bad }))),
      ).toEqual(["content"]);
      expect(
        await fieldErrorOf(owner.templates.create(refundPolicyDraft({ tags: [bad] }))),
      ).toEqual(["tags.0"]);
      expect(
        await fieldErrorOf(owner.templates.create(refundPolicyDraft({ category: bad }))),
      ).toEqual(["category"]);
      expect(await fieldErrorOf(owner.templates.search({ query: bad }))).toEqual(["query"]);
    }
    expect(await templateRowCounts(db, workspace.id)).toMatchObject({ templates: 0 });
  });

  it("zero-width-only names are refused; text is stored NFC-normalised", async () => {
    const error = await catchError(
      owner.templates.create(refundPolicyDraft({ name: "\u200B\u200D" })),
    );
    expect(error.shape.data.fieldErrors).toEqual({
      name: ["The name needs at least one visible character."],
    });
    const created = await owner.templates.create(
      refundPolicyDraft({ name: "Cafe\u0301 hours", category: "Cafe\u0301" }),
    );
    expect(created.name).toBe("Café hours");
    expect(created.category?.name).toBe("Café");
    expect((await owner.templates.search({ query: "café" })).items.map((t) => t.id)).toEqual([
      created.id,
    ]);
  });

  it("in sign-up, workspace settings, invitations, API keys and audit filters", async () => {
    const anonymous = await callerFor(db, null);
    const signUp = {
      name: "Nora",
      email: uniqueEmail("nul"),
      password: "long password",
      workspaceName: "W",
    };
    for (const field of ["name", "password", "workspaceName", "email"] as const) {
      for (const bad of [NUL, SURROGATE]) {
        expect(await fieldErrorOf(anonymous.auth.signUp({ ...signUp, [field]: bad }))).toEqual([
          field,
        ]);
      }
    }
    for (const bad of [NUL, SURROGATE, BIDI]) {
      expect(await fieldErrorOf(owner.workspace.update({ name: bad }))).toEqual(["name"]);
      expect(await fieldErrorOf(owner.apiKeys.create({ name: bad, scope: "read" }))).toEqual([
        "name",
      ]);
      expect(await fieldErrorOf(owner.audit.list({ action: bad }))).toEqual(["action"]);
      expect(await fieldErrorOf(owner.workspace.members.remove({ userId: bad }))).toEqual([
        "userId",
      ]);
      expect(
        await fieldErrorOf(
          owner.workspace.members.invite({ email: `${bad}@x.test`, role: "agent" }),
        ),
      ).toEqual(["email"]);
    }
    expect((await owner.apiKeys.list()).length).toBe(0);
  });

  it("in imports: each bad row is rejected with its line or index, nothing is written", async () => {
    const { caller, workspace: ws } = await signUpOwner(db, { workspaceName: "Import" });
    const csv = [
      "name,category,content,triggers",
      "Fine,General,Hello there,hello",
      `Bad\u0000name,General,Hello,hi`,
      `Also fine,General,"Two`,
      `lines",x`,
      `Bidi,General,pay\u202Eusd,y`,
    ].join("\n");
    const fromCsv = await caller.templates.import({ format: "csv", content: csv });
    expect(fromCsv.committed).toBe(false);
    expect(fromCsv.rejected.map((r) => r.line)).toEqual([3, 6]);
    expect(fromCsv.rejected[0]?.errors[0]).toMatch(/^name: The name contains a NUL/);
    const json = JSON.stringify({
      format: "parley.templates",
      version: 1,
      templates: [
        { name: "ok", content: "x" },
        { name: "bad", content: "x\uD800" },
      ],
    });
    const fromJson = await caller.templates.import({ format: "json", content: json });
    expect(fromJson.rejected).toEqual([
      { index: 1, name: "bad", errors: [expect.stringMatching(/^content: .*surrogate/)] },
    ]);
    expect(await templateRowCounts(db, ws.id)).toMatchObject({ templates: 0 });
  });
});

describe("forged cursors are BAD_REQUEST with a cursor field error", () => {
  it("audit and template list cursors with impossible values", async () => {
    const forgedAudit = [
      { t: "2024-13-45T99:00:00Z", i: 1 },
      { t: "2024-02-30 10:00:00", i: 1 },
      { t: "2024-01-01T00:00:00+99:00", i: 1 },
      { t: "2024-01-01T00:00:00Z", i: 1e300 },
    ];
    for (const cursor of forgedAudit) {
      expect(await fieldErrorOf(owner.audit.list({ cursor: base64(cursor) }))).toEqual(["cursor"]);
    }
    const id = crypto.randomUUID();
    const forgedList: [string, unknown][] = [
      ["updated", { s: "updated", v: "yesterday", i: id }],
      ["updated", { s: "updated", v: "2024-00-10 00:00:00+00", i: id }],
      ["usage", { s: "usage", v: 2 ** 40, i: id }],
      ["name", { s: "name", v: "a\u0000", i: id }],
    ];
    for (const [sort, cursor] of forgedList) {
      const input = { sort: sort as "updated", cursor: base64(cursor) };
      expect(await fieldErrorOf(owner.templates.list(input))).toEqual(["cursor"]);
    }
    expect(await fieldErrorOf(owner.templates.search({ query: "x", cursor: "%%%" }))).toEqual([
      "cursor",
    ]);
  });
});
