import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { type Caller, catchError, signUpOwner } from "@/test/factories";
import { orderStatusDraft } from "@/test/template-drafts";

let db: Database;
let owner: Caller;
beforeAll(async () => {
  db = await testDatabase();
  ({ caller: owner } = await signUpOwner(db, { workspaceName: "Templates Crud" }));
});

describe("templates: create, read, update, versions", () => {
  it("creates a template with its variables, triggers, category and version 1", async () => {
    const created = await owner.templates.create(orderStatusDraft());
    expect(created).toMatchObject({
      name: "Order status",
      category: { id: expect.any(String), name: "Orders" },
      status: "active",
      tags: ["shipping", "orders"],
      language: "en",
      currentVersion: 1,
      usageCount: 0,
      lastUsedAt: null,
      createdBy: { name: "Olivia Owner", email: expect.any(String) },
    });
    expect(created.variables).toEqual([
      { name: "customer.first_name", type: "text", required: false },
      { name: "order_id", type: "text", required: true, pattern: "[A-Z]{2}-\\d{4}" },
      { name: "ship_date", type: "date", required: true },
      { name: "total", type: "currency", required: true, description: "Order total" },
    ]);
    expect(created.triggers).toEqual([
      { kind: "phrase", value: "where is my order", weight: 2, active: true },
      { kind: "keyword", value: "tracking", weight: 0.7, active: true },
    ]);
    expect(await owner.templates.get({ id: created.id })).toEqual(created);
    const versions = await owner.templates.versions.list({ id: created.id });
    expect(versions).toEqual([
      {
        version: 1,
        createdAt: expect.any(Date),
        createdBy: { name: "Olivia Owner", email: expect.any(String) },
        changeSummary: "created",
      },
    ]);
  });

  it("edit → version 2; restoring version 1 → version 3 with version 1's draft", async () => {
    const created = await owner.templates.create(orderStatusDraft({ name: "Versioned" }));
    const v1 = await owner.templates.versions.get({ id: created.id, version: 1 });
    const edited = await owner.templates.update({
      id: created.id,
      expectedVersion: 1,
      ...orderStatusDraft({
        name: "Versioned",
        content: "Order {order_id}: {ship_date}, {total}.",
      }),
      variables: orderStatusDraft().variables?.slice(1),
    });
    expect(edited.currentVersion).toBe(2);
    const list = await owner.templates.versions.list({ id: created.id });
    expect(list.map((v) => [v.version, v.changeSummary])).toEqual([
      [2, "content, 1 variable"],
      [1, "created"],
    ]);

    const restored = await owner.templates.versions.restore({ id: created.id, version: 1 });
    expect(restored.currentVersion).toBe(3);
    const v3 = await owner.templates.versions.get({ id: created.id, version: 3 });
    expect(v3.draft).toEqual(v1.draft);
    expect(v3.changeSummary).toBe("restored version 1");
    expect(restored.content).toBe(orderStatusDraft().content);
    expect(restored.variables).toHaveLength(4);
  });

  it("refuses a save on top of someone else's newer version", async () => {
    const created = await owner.templates.create(orderStatusDraft({ name: "Contested" }));
    await owner.templates.update({
      id: created.id,
      expectedVersion: 1,
      ...orderStatusDraft({ name: "Mine" }),
    });
    const stale = await catchError(
      owner.templates.update({
        id: created.id,
        expectedVersion: 1,
        ...orderStatusDraft({ name: "Theirs" }),
      }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toBe("This template was changed by someone else");
    expect((await owner.templates.get({ id: created.id })).name).toBe("Mine");
  });
});

describe("templates: archive, restore, duplicate", () => {
  it("archives (a version of its own) and restores the status it had", async () => {
    const created = await owner.templates.create(orderStatusDraft({ name: "Seasonal" }));
    const archived = await owner.templates.archive({ id: created.id });
    expect([archived.status, archived.currentVersion]).toEqual(["archived", 2]);
    expect((await owner.templates.archive({ id: created.id })).currentVersion).toBe(2);
    const restored = await owner.templates.restore({ id: created.id });
    expect([restored.status, restored.currentVersion]).toEqual(["active", 3]);
    const summaries = (await owner.templates.versions.list({ id: created.id })).map(
      (v) => v.changeSummary,
    );
    expect(summaries).toEqual(["restored from archive (active)", "archived", "created"]);
  });

  it("duplicates as a draft named 'Copy of …' with the same variables and triggers", async () => {
    const created = await owner.templates.create(orderStatusDraft({ name: "Original" }));
    const copy = await owner.templates.duplicate({ id: created.id });
    expect(copy.id).not.toBe(created.id);
    expect(copy).toMatchObject({
      name: "Copy of Original",
      status: "draft",
      currentVersion: 1,
      content: created.content,
      category: created.category,
      variables: created.variables,
      triggers: created.triggers,
    });
  });

  it("unknown ids are NOT_FOUND everywhere", async () => {
    const id = crypto.randomUUID();
    for (const attempt of [
      () => owner.templates.get({ id }),
      () => owner.templates.archive({ id }),
      () => owner.templates.duplicate({ id }),
      () => owner.templates.versions.list({ id }),
      () => owner.templates.versions.get({ id, version: 1 }),
      () => owner.templates.recordUse({ id }),
    ]) {
      expect((await catchError(attempt())).code).toBe("NOT_FOUND");
    }
  });
});
