import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { addMember, type Caller, catchError, createKey, signUpOwner } from "@/test/factories";
import { orderStatusDraft } from "@/test/template-drafts";

let db: Database;
let owner: Caller;
let agent: Caller;
let readKey: Caller;
let writeKey: Caller;
let id: string;

beforeAll(async () => {
  db = await testDatabase();
  const signedUp = await signUpOwner(db, { workspaceName: "Template roles" });
  owner = signedUp.caller;
  ({ caller: agent } = await addMember(db, signedUp.workspace, "agent"));
  ({ caller: readKey } = await createKey(db, owner, "read"));
  ({ caller: writeKey } = await createKey(db, owner, "write"));
  id = (await owner.templates.create(orderStatusDraft())).id;
});

const values = { order_id: "AB-1234", ship_date: "2024-03-05", total: "10" };

describe("templates: who may do what", () => {
  for (const [who, caller] of [
    ["agent", () => agent],
    ["read key", () => readKey],
  ] as const) {
    it(`${who}: reads, searches and renders`, async () => {
      const c = caller();
      expect((await c.templates.get({ id })).name).toBe("Order status");
      expect((await c.templates.list({})).items.map((t) => t.id)).toContain(id);
      expect((await c.templates.search({ query: "order" })).items.map((t) => t.id)).toContain(id);
      expect((await c.templates.render({ id, values, format: "text" })).missing).toEqual([]);
      expect(await c.templates.versions.list({ id })).toHaveLength(1);
      expect(await c.templates.categories.list()).toHaveLength(1);
      expect((await c.templates.validate({ draft: orderStatusDraft() })).ok).toBe(true);
    });

    it(`${who}: FORBIDDEN to create, update, import or change categories`, async () => {
      const c = caller();
      const [category] = await owner.templates.categories.list();
      const attempts = [
        () => c.templates.create(orderStatusDraft()),
        () => c.templates.update({ id, expectedVersion: 1, ...orderStatusDraft({ name: "x" }) }),
        () => c.templates.archive({ id }),
        () => c.templates.duplicate({ id }),
        () => c.templates.versions.restore({ id, version: 1 }),
        () => c.templates.import({ format: "json", content: "{}" }),
        () => c.templates.categories.rename({ id: category?.id ?? "", name: "x" }),
        () => c.templates.categories.remove({ id: category?.id ?? "" }),
      ];
      for (const attempt of attempts) expect((await catchError(attempt())).code).toBe("FORBIDDEN");
      const after = await owner.templates.get({ id });
      expect([after.name, after.currentVersion, after.status]).toEqual([
        "Order status",
        1,
        "active",
      ]);
    });
  }

  it("an agent records uses and exports; a read key may do neither (keys that read never write)", async () => {
    expect((await agent.templates.recordUse({ id })).usageCount).toBeGreaterThan(0);
    expect((await agent.templates.export({ format: "json" })).content).toContain("Order status");
    expect((await catchError(readKey.templates.recordUse({ id }))).code).toBe("FORBIDDEN");
    expect((await catchError(readKey.templates.export({ format: "json" }))).code).toBe("FORBIDDEN");
  });

  it("a write key acts as an admin", async () => {
    const created = await writeKey.templates.create(orderStatusDraft({ name: "From the API" }));
    expect(created.createdBy).toBeNull();
    const updated = await writeKey.templates.update({
      id: created.id,
      expectedVersion: 1,
      ...orderStatusDraft({ name: "From the API, v2" }),
    });
    expect(updated.currentVersion).toBe(2);
  });
});
