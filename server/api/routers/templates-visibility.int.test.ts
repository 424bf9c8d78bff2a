import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { addMember, type Caller, catchError, signUpOwner } from "@/test/factories";
import { refundPolicyDraft } from "@/test/template-drafts";

/** Issue #11: personal and shared templates, and shared ones for admins only. */
let db: Database;
let owner: Caller;
let admin: Caller;
let agent: Caller;
let otherAgent: Caller;

beforeAll(async () => {
  db = await testDatabase();
  const signedUp = await signUpOwner(db, { workspaceName: "Visibility" });
  owner = signedUp.caller;
  ({ caller: admin } = await addMember(db, signedUp.workspace, "admin"));
  ({ caller: agent } = await addMember(db, signedUp.workspace, "agent"));
  ({ caller: otherAgent } = await addMember(db, signedUp.workspace, "agent"));
});

const names = async (caller: Caller, input: Parameters<Caller["templates"]["list"]>[0] = {}) =>
  (await caller.templates.list({ sort: "name", ...input })).items.map((t) => t.name);

describe("personal and shared templates", () => {
  it("shared templates reach every member; admins-only ones only admins and owners", async () => {
    await admin.templates.create(refundPolicyDraft({ name: "For everyone" }));
    const secret = await admin.templates.create({
      ...refundPolicyDraft({ name: "Admins only" }),
      visibility: "admins",
    });
    expect(secret.visibility).toBe("admins");
    expect(await names(agent)).toEqual(["For everyone"]);
    expect(await names(owner)).toEqual(["Admins only", "For everyone"]);
    expect((await catchError(agent.templates.get({ id: secret.id }))).code).toBe("NOT_FOUND");
    const render = agent.templates.render({ id: secret.id, values: {} });
    expect((await catchError(render)).code).toBe("NOT_FOUND");
    expect((await agent.templates.search({ query: "admins" })).items).toEqual([]);
  });

  it("a personal template is its owner's alone; Mine and Shared filter the library", async () => {
    const mine = await agent.templates.create(refundPolicyDraft({ name: "Agent notebook" }));
    expect(mine.visibility).toBe("personal");
    expect(await names(agent, { owner: "mine" })).toEqual(["Agent notebook"]);
    expect(await names(agent, { owner: "shared" })).toEqual(["For everyone"]);
    expect(await names(otherAgent)).toEqual(["For everyone"]);
    // Not even the workspace owner sees it (personal means personal).
    expect(await names(owner)).not.toContain("Agent notebook");
    expect((await catchError(owner.templates.get({ id: mine.id }))).code).toBe("NOT_FOUND");
    // Counts and facets count only what the caller sees.
    const [category] = await otherAgent.templates.categories.list();
    expect(category?.templateCount).toBe(1);
    const [ownCategory] = await agent.templates.categories.list();
    expect(ownCategory?.templateCount).toBe(2);
  });

  it("exports carry personal templates only for their owner", async () => {
    const own = await agent.templates.export({ format: "json" });
    expect(own.content).toContain("Agent notebook");
    expect(own.content).not.toContain("Admins only");
    const ownerExport = await owner.templates.export({ format: "json" });
    expect(ownerExport.content).not.toContain("Agent notebook");
    expect(ownerExport.content).toContain("Admins only");
  });

  it("make shared / make personal: admins only, and the template moves whole", async () => {
    const draft = await admin.templates.create({
      ...refundPolicyDraft({ name: "Admin draft" }),
      visibility: "personal",
    });
    expect(await names(agent)).not.toContain("Admin draft");
    const shared = await admin.templates.update({
      id: draft.id,
      expectedVersion: 1,
      ...refundPolicyDraft({ name: "Admin draft" }),
      visibility: "everyone",
    });
    expect([shared.visibility, shared.ownerId, shared.currentVersion]).toEqual([
      "everyone",
      null,
      1,
    ]);
    expect(await names(agent)).toContain("Admin draft");
    const back = await admin.templates.update({
      id: draft.id,
      expectedVersion: 1,
      ...refundPolicyDraft({ name: "Admin draft" }),
      visibility: "personal",
    });
    expect(back.visibility).toBe("personal");
    expect(await names(agent)).not.toContain("Admin draft");
    expect(await names(owner)).not.toContain("Admin draft");
  });

  it("agents change only their own: shared templates stay the admins'", async () => {
    const [shared] = (await agent.templates.list({ owner: "shared" })).items;
    const id = shared?.id ?? "";
    // Thunks, run one at a time: a promise created early would reject before anyone awaits it.
    const attempts = [
      () => agent.templates.update({ id, expectedVersion: 1, ...refundPolicyDraft({ name: "x" }) }),
      () => agent.templates.archive({ id }),
      () => agent.templates.remove({ ids: [id] }),
      () => agent.templates.versions.restore({ id, version: 1 }),
      () => agent.templates.create({ ...refundPolicyDraft(), visibility: "everyone" }),
    ];
    for (const attempt of attempts) expect((await catchError(attempt())).code).toBe("FORBIDDEN");
    const mine = await agent.templates.create(refundPolicyDraft({ name: "Scratch" }));
    await agent.templates.archive({ id: mine.id });
    await agent.templates.restore({ id: mine.id });
    await agent.templates.bulk({ ids: [mine.id], action: "tag", tag: "mine" });
    expect((await agent.templates.get({ id: mine.id })).tags).toContain("mine");
    // A bulk action touching a shared template is refused whole.
    const mixed = agent.templates.bulk({ ids: [mine.id, id], action: "tag", tag: "both" });
    expect((await catchError(mixed)).code).toBe("FORBIDDEN");
    expect((await agent.templates.get({ id: mine.id })).tags).not.toContain("both");
  });
});
