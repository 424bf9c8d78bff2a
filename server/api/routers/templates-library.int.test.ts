import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { withTenant } from "@/db/tenant";
import { recomputeDays, utcDay } from "@/server/analytics/rollup";
import { testDatabase } from "@/test/db";
import { type Caller, catchError, createKey, signUpOwner } from "@/test/factories";
import { orderStatusDraft, refundPolicyDraft } from "@/test/template-drafts";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

describe("templates: list, categories, usage", () => {
  it("pages through the library in each sort order with filters", async () => {
    const { caller } = await signUpOwner(db, { workspaceName: "Paging" });
    const names = ["Delta", "alpha", "Charlie", "bravo", "Echo"];
    for (const [i, name] of names.entries()) {
      await caller.templates.create(
        orderStatusDraft({ name, status: i % 2 ? "draft" : "active", tags: [`t${i % 2}`] }),
      );
    }
    const collect = async (input: Parameters<Caller["templates"]["list"]>[0]) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Caller["templates"]["list"]>> = await caller.templates.list({
          ...input,
          cursor,
          limit: 2,
        });
        seen.push(...page.items.map((t) => t.name));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await collect({ sort: "updated" })).toEqual([...names].reverse());
    const byName = await collect({ sort: "name" });
    expect([...byName].sort()).toEqual([...names].sort());
    expect(byName).toHaveLength(5);
    expect(await collect({ status: "draft" })).toEqual(["bravo", "alpha"]);
    expect(await collect({ tag: "t0", sort: "name" })).toHaveLength(3);
    expect(await collect({ language: "de" })).toEqual([]);

    const [first] = (await caller.templates.list({ limit: 1 })).items;
    expect(first).toEqual({
      id: expect.any(String),
      name: "Echo",
      category: { id: expect.any(String), name: "Orders" },
      status: "active",
      tags: ["t0"],
      language: "en",
      currentVersion: 1,
      variableCount: 4,
      triggerCount: 2,
      usageCount: 0,
      lastUsedAt: null,
      updatedAt: expect.any(Date),
      updatedBy: { name: "Olivia Owner", email: expect.any(String) },
      visibility: "everyone",
      groupId: expect.any(String),
      languages: ["en"],
    });
    const bad = await catchError(caller.templates.list({ cursor: "bm9wZQ", sort: "name" }));
    expect(bad.code).toBe("BAD_REQUEST");
  });

  it("counts uses from the daily roll-ups, not on the template's row, and sorts by them", async () => {
    const { caller, workspace } = await signUpOwner(db, { workspaceName: "Usage roll-ups" });
    const a = await caller.templates.create(refundPolicyDraft({ name: "Used once" }));
    const b = await caller.templates.create(refundPolicyDraft({ name: "Used twice" }));
    // Library copies (copy-reply) are usage events; the rows are not touched.
    await caller.templates.recordUse({ id: b.id });
    expect(await caller.templates.recordUse({ id: b.id })).toEqual({ recorded: true });
    // An inbox reply with the template is a use too.
    const writer = (await createKey(db, caller, "write")).caller;
    await writer.inbox.ingest({
      conversations: [
        { externalId: "usage-1", messages: [{ externalId: "1", role: "customer", text: "Hi" }] },
      ],
    });
    const [conversation] = await caller.inbox.list({ filter: "all", limit: 10 });
    if (!conversation) throw new Error("not ingested");
    await caller.inbox.send({ conversationId: conversation.id, text: "Hello", templateId: a.id });
    const before = await caller.templates.get({ id: b.id });
    expect([before.usageCount, before.lastUsedAt]).toEqual([0, null]);

    // The scheduled roll-up (recomputeDays) refreshes the counts from analytics_daily.
    const today = utcDay(new Date());
    const rollUp = () =>
      withTenant(db, workspace.id, (tx) => recomputeDays(tx, workspace.id, today, today));
    await rollUp();
    const top = (await caller.templates.list({ sort: "usage", limit: 2 })).items;
    expect(top.map((t) => [t.name, t.usageCount])).toEqual([
      ["Used twice", 2],
      ["Used once", 1],
    ]);
    expect(top[0]?.lastUsedAt).toBeInstanceOf(Date);
    // The same figure as the analytics dashboards read.
    const analytics = await caller.analytics.template({ templateId: b.id, from: today, to: today });
    expect(analytics.totals.uses).toBe(2);
    // A rerun writes the same counts; a later use shows after the next roll-up.
    await rollUp();
    expect((await caller.templates.get({ id: b.id })).usageCount).toBe(2);
    await caller.templates.recordUse({ id: a.id });
    expect((await caller.templates.get({ id: a.id })).usageCount).toBe(1);
    await rollUp();
    expect((await caller.templates.get({ id: a.id })).usageCount).toBe(2);
    // Using a template is not an edit.
    expect((await caller.templates.get({ id: b.id })).currentVersion).toBe(1);
  });

  it("files categories case-insensitively, renames and removes them", async () => {
    const { caller } = await signUpOwner(db, { workspaceName: "Categories" });
    const one = await caller.templates.create(refundPolicyDraft({ category: "Billing" }));
    const two = await caller.templates.create(refundPolicyDraft({ category: " billing " }));
    await caller.templates.create(orderStatusDraft());
    expect(two.category).toEqual(one.category);
    const categories = await caller.templates.categories.list();
    expect(categories.map((c) => [c.name, c.templateCount])).toEqual([
      ["Billing", 2],
      ["Orders", 1],
    ]);
    const billing = categories[0];
    const orders = categories[1];
    if (!billing || !orders) throw new Error("categories missing");

    const taken = await catchError(
      caller.templates.categories.rename({ id: billing.id, name: "ORDERS" }),
    );
    expect(taken.code).toBe("CONFLICT");
    expect(await caller.templates.categories.rename({ id: billing.id, name: "Payments" })).toEqual({
      id: billing.id,
      name: "Payments",
    });
    expect((await caller.templates.get({ id: one.id })).category?.name).toBe("Payments");

    expect(await caller.templates.categories.remove({ id: billing.id })).toEqual({
      id: billing.id,
      templateCount: 2,
    });
    expect((await caller.templates.get({ id: one.id })).category).toBeNull();
    expect((await caller.templates.categories.list()).map((c) => c.name)).toEqual(["Orders"]);
    const gone = await catchError(caller.templates.categories.remove({ id: billing.id }));
    expect(gone.code).toBe("NOT_FOUND");
  });

  it("audits every change", async () => {
    const { caller } = await signUpOwner(db, { workspaceName: "Audited" });
    const t = await caller.templates.create(refundPolicyDraft());
    await caller.templates.update({
      id: t.id,
      expectedVersion: 1,
      ...refundPolicyDraft({ name: "New" }),
    });
    await caller.templates.recordUse({ id: t.id });
    await caller.templates.export({ format: "json" });
    const actions = (await caller.audit.list({ entityType: "template" })).items.map(
      (e) => e.action,
    );
    expect(actions).toEqual([
      "template.export",
      "template.use",
      "template.update",
      "template.create",
    ]);
  });
});
