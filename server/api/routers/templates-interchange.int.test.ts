import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readFixture } from "@/server/templates/interchange/fixtures/read-fixture";
import type { TemplateDraftInput } from "@/server/templates/language/template-schema";
import { testDatabase } from "@/test/db";
import { type Caller, signUpOwner, type TestWorkspace } from "@/test/factories";
import { orderStatusDraft, refundPolicyDraft, templateRowCounts } from "@/test/template-drafts";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

/** Everything but what the database assigns (ids, times, people). */
function content(t: Awaited<ReturnType<Caller["templates"]["get"]>>) {
  const {
    id: _,
    createdAt,
    updatedAt,
    createdBy,
    updatedBy,
    lastUsedAt,
    category,
    groupId,
    ...rest
  } = t;
  return { ...rest, category: category?.name ?? null };
}

const varied: TemplateDraftInput[] = [
  orderStatusDraft(),
  refundPolicyDraft({ status: "draft", language: "pt-BR", category: null, tags: [] }),
  {
    name: "Plan change",
    category: "Billing",
    content: "Your plan is now {plan}. Questions? {agent.name|Our team} is here: {help_url}",
    status: "archived",
    tags: ["billing", "plans"],
    language: "de",
    variables: [
      { name: "plan", type: "select", required: true, options: ["Basic", "Pro"], fallback: "Pro" },
      { name: "agent.name", type: "text", description: "Who replies" },
      { name: "help_url", type: "url", required: true },
    ],
    triggers: [
      { kind: "regex", value: "\\b(up|down)grade\\b", weight: 1 / 3 },
      { kind: "intent", value: "change_plan", weight: 0.5, active: false },
      { kind: "sentiment", value: "negative", weight: 10 },
    ],
  },
];

async function workspaceWith(drafts: TemplateDraftInput[], name: string) {
  const { caller, workspace } = await signUpOwner(db, { workspaceName: name });
  for (const draft of drafts) await caller.templates.create(draft);
  return { caller, workspace };
}

async function allTemplates(caller: Caller) {
  const { items } = await caller.templates.list({ sort: "name", limit: 100 });
  return Promise.all(items.map(async (t) => content(await caller.templates.get({ id: t.id }))));
}

describe("templates: JSON round trip", () => {
  it("export → import into another workspace → identical templates, variables and triggers", async () => {
    const a = await workspaceWith(varied, "Round trip A");
    const exported = await a.caller.templates.export({ format: "json" });
    expect(exported.mimeType).toBe("application/json");
    expect(exported.filename).toMatch(/^parley-templates-.+\.json$/);

    const b = await signUpOwner(db, { workspaceName: "Round trip B" });
    const result = await b.caller.templates.import({ format: "json", content: exported.content });
    expect(result).toMatchObject({ committed: true, imported: 3, rejected: [], unmapped: [] });
    expect(result.templateIds).toHaveLength(3);

    expect(await allTemplates(b.caller)).toEqual(await allTemplates(a.caller));
    const again = await b.caller.templates.export({ format: "json" });
    expect(JSON.parse(again.content).templates).toEqual(JSON.parse(exported.content).templates);
  });

  it("exports chosen templates, or CSV with formula-looking cells neutralised", async () => {
    const { caller } = await workspaceWith(
      [orderStatusDraft({ name: "=HYPERLINK(1)" }), refundPolicyDraft()],
      "Export choices",
    );
    const [first] = (await caller.templates.list({ sort: "name" })).items;
    const one = await caller.templates.export({ format: "json", ids: [first?.id ?? ""] });
    expect(JSON.parse(one.content).templates).toHaveLength(1);
    const csv = await caller.templates.export({ format: "csv" });
    expect(csv.mimeType).toBe("text/csv; charset=utf-8");
    expect(csv.content.split(/\r?\n/)[0]).toBe("name,category,content,triggers");
    expect(csv.content).toContain("'=HYPERLINK(1)");
  });
});

describe("templates: imports from other help desks, all or nothing", () => {
  it("a Zendesk export with two unusable macros writes nothing and names both", async () => {
    const { caller, workspace } = await signUpOwner(db, { workspaceName: "Zendesk" });
    const text = readFixture("zendesk-macros.json");
    const result = await caller.templates.import({ format: "zendesk", content: text });
    expect(result.committed).toBe(false);
    expect(result.imported).toBe(0);
    expect(result.rejected.map((r) => r.index)).toEqual([4, 7]);
    expect(await templateRowCounts(db, workspace.id)).toEqual(zero);

    // Without those two the rest goes in whole, with categories, tags and unmapped placeholders.
    const { macros } = JSON.parse(text) as { macros: unknown[] };
    const usable = JSON.stringify({ macros: macros.filter((_, i) => i !== 4 && i !== 7) });
    const dry = await caller.templates.import({ format: "zendesk", content: usable, dryRun: true });
    expect([dry.committed, dry.imported, dry.templateIds]).toEqual([false, 6, []]);
    expect(await templateRowCounts(db, workspace.id)).toEqual(zero);

    const done = await caller.templates.import({ format: "zendesk", content: usable });
    expect([done.committed, done.imported]).toEqual([true, 6]);
    expect(done.unmapped.map((u) => u.template)).toEqual(dry.unmapped.map((u) => u.template));
    expect(done.unmapped.length).toBeGreaterThan(0);
    const categories = (await caller.templates.categories.list()).map((c) => c.name);
    expect(categories).toEqual([
      "Account",
      "Billing",
      "Billing / Invoices",
      "Feedback",
      "Shipping",
    ]);
    const invoice = await caller.templates.get({ id: done.templateIds[1] ?? "" });
    expect(invoice).toMatchObject({ name: "Resend invoice", status: "active" });
    expect(invoice.variables.map((v) => `${v.name}:${v.type}`)).toEqual([
      "customer.name:text",
      "customer.email:email",
      "ticket.url:url",
      "agent.first_name:text",
      "agent.signature:text",
    ]);
  });

  it("Chatwoot canned responses: the blank short code is reported, then the rest imports", async () => {
    const { caller, workspace } = await signUpOwner(db, { workspaceName: "Chatwoot" });
    const text = readFixture("chatwoot-canned-responses.json");
    const refused = await caller.templates.import({ format: "chatwoot", content: text });
    expect(refused.rejected).toEqual([{ index: 7, errors: ["name: A template needs a name."] }]);
    expect(await templateRowCounts(db, workspace.id)).toEqual(zero);

    const responses = JSON.parse(text) as unknown[];
    const usable = JSON.stringify(responses.filter((_, i) => i !== 7));
    const done = await caller.templates.import({ format: "chatwoot", content: usable });
    expect([done.committed, done.imported]).toEqual([true, 7]);
    expect(done.unmapped).toEqual([
      { template: "plan-upgrade", placeholders: ["{{contact.custom_attribute.plan}}"] },
      { template: "vip", placeholders: ["{% if contact.custom_attribute.vip %}", "{% endif %}"] },
    ]);
    const names = (await caller.templates.list({ sort: "name" })).items.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["greet", "order-status", "vip"]));
  });
});

const zero = { templates: 0, versions: 0, variables: 0, triggers: 0, categories: 0 };

describe("templates: malformed import files", () => {
  let owner: Caller;
  let workspace: TestWorkspace;
  beforeAll(async () => {
    ({ caller: owner, workspace } = await signUpOwner(db, { workspaceName: "Malformed" }));
  });

  it("a CSV with one bad row imports nothing and reports the row's line", async () => {
    const csv = [
      "name,category,content,triggers",
      "Greeting,General,Hi {customer.first_name}!,hello",
      'Broken,General,"Hi {customer.first_name",hello',
      ",General,No name here,",
      "Bye,General,Bye!,bye",
    ].join("\n");
    const result = await owner.templates.import({ format: "csv", content: csv });
    expect(result.committed).toBe(false);
    expect(result.rejected.map((r) => [r.line, r.name])).toEqual([
      [3, "Broken"],
      [4, undefined],
    ]);
    expect(result.rejected[0]?.errors[0]).toMatch(/^content: /);
    expect(await templateRowCounts(db, workspace.id)).toEqual(zero);
  });

  it("malformed JSON and foreign files are one clear error", async () => {
    const broken = await owner.templates.import({ format: "json", content: '{"templates": [' });
    expect(broken.committed).toBe(false);
    expect(broken.rejected).toHaveLength(1);
    expect(broken.rejected[0]?.errors[0]).toMatch(/^The file is not valid JSON/);
    const foreign = await owner.templates.import({ format: "json", content: '{"macros": []}' });
    expect(foreign.rejected[0]?.errors[0]).toMatch(/not a Parley templates export/);
    const zendesk = await owner.templates.import({ format: "zendesk", content: "[1, 2" });
    expect(zendesk.rejected[0]?.errors[0]).toMatch(/not valid JSON/);
    expect(await templateRowCounts(db, workspace.id)).toEqual(zero);
  });

  it("one invalid template among valid ones in JSON: nothing is written", async () => {
    const file = JSON.stringify({
      format: "parley.templates",
      version: 1,
      templates: [
        orderStatusDraft(),
        { ...refundPolicyDraft(), triggers: [{ kind: "regex", value: "(a+)+$" }] },
      ],
    });
    const result = await owner.templates.import({ format: "json", content: file });
    expect(result.rejected.map((r) => [r.index, r.name])).toEqual([[1, "Refund policy"]]);
    expect(await templateRowCounts(db, workspace.id)).toEqual(zero);
  });
});
