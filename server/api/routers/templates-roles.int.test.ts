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

    it(`${who}: FORBIDDEN to create shared templates, update, import or change categories`, async () => {
      const c = caller();
      const [category] = await owner.templates.categories.list();
      const attempts = [
        () => c.templates.create({ ...orderStatusDraft(), visibility: "everyone" }),
        () => c.templates.create({ ...orderStatusDraft(), visibility: "admins" }),
        () =>
          c.templates.update({
            id,
            expectedVersion: 1,
            ...orderStatusDraft(),
            visibility: "personal",
          }),
        () => c.templates.translations.add({ id, language: "fr" }),
        () => c.templates.remove({ ids: [id] }),
        () => c.templates.bulk({ ids: [id], action: "tag", tag: "x" }),
        () => c.templates.update({ id, expectedVersion: 1, ...orderStatusDraft({ name: "x" }) }),
        () => c.templates.archive({ id }),
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
    expect(await agent.templates.recordUse({ id })).toEqual({ recorded: true });
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

describe("templates: personal templates of agents", () => {
  it("an agent's new template is personal; their copy of a shared one is theirs too", async () => {
    const mine = await agent.templates.create(orderStatusDraft({ name: "Agent's own" }));
    expect([mine.visibility, mine.ownerId === null]).toEqual(["personal", false]);
    const edited = await agent.templates.update({
      id: mine.id,
      expectedVersion: 1,
      ...orderStatusDraft({ name: "Agent's own, v2" }),
    });
    expect(edited.currentVersion).toBe(2);
    const copy = await agent.templates.duplicate({ id });
    expect(copy.visibility).toBe("personal");
    // "Make shared" is for admins; the read key cannot even create a personal template.
    const share = agent.templates.update({
      id: mine.id,
      expectedVersion: 2,
      ...orderStatusDraft({ name: "Agent's own, v2" }),
      visibility: "everyone",
    });
    expect((await catchError(share)).code).toBe("FORBIDDEN");
    expect((await agent.templates.get({ id: mine.id })).visibility).toBe("personal");
    expect((await catchError(readKey.templates.create(orderStatusDraft()))).code).toBe("FORBIDDEN");
  });
});
