import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { addMember, callerFor, catchError, createKey, signUpOwner } from "@/test/factories";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

describe("workspace.get and workspace.update", () => {
  it("returns the workspace with the caller's role", async () => {
    const { workspace, caller } = await signUpOwner(db);
    const { caller: agent } = await addMember(db, workspace, "agent");
    expect(await caller.workspace.get()).toEqual({
      ...workspace,
      locale: "en-US",
      currency: "USD",
      timezone: "UTC",
      role: "owner",
    });
    expect((await agent.workspace.get()).role).toBe("agent");
  });

  it("updates and normalises settings, and records what changed", async () => {
    const { user, workspace, caller } = await signUpOwner(db);
    const slug = `renamed-${crypto.randomUUID().slice(0, 8)}`;
    const updated = await caller.workspace.update({
      name: " Renamed ",
      slug,
      locale: "fr-fr",
      currency: "eur",
      timezone: "Europe/Paris",
    });
    expect(updated).toEqual({
      id: workspace.id,
      name: "Renamed",
      slug,
      locale: "fr-FR",
      currency: "EUR",
      timezone: "Europe/Paris",
    });
    // The old slug is gone; the caller follows the new one.
    expect((await catchError(caller.workspace.get())).code).toBe("NOT_FOUND");
    const moved = await callerFor(db, { user, slug });
    const { items } = await moved.audit.list({ action: "workspace.update" });
    expect(items[0]?.summary).toEqual({
      name: { from: workspace.name, to: "Renamed" },
      slug: { from: workspace.slug, to: slug },
      locale: { from: "en-US", to: "fr-FR" },
      currency: { from: "USD", to: "EUR" },
      timezone: { from: "UTC", to: "Europe/Paris" },
    });
  });

  it.each([
    ["locale", { locale: "not a locale!" }],
    ["currency", { currency: "EURO" }],
    ["currency", { currency: "XYZ" }],
    ["timezone", { timezone: "Mars/Olympus" }],
    ["slug", { slug: "-bad-" }],
    ["slug", { slug: "ab" }],
    ["slug", { slug: "api" }],
    ["name", { name: "" }],
  ])("rejects an invalid %s with BAD_REQUEST naming the field", async (field, input) => {
    const { caller } = await signUpOwner(db);
    const error = await catchError(caller.workspace.update(input));
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(error.shape.data.fieldErrors ?? {})).toEqual([field]);
  });

  it("refuses a slug another workspace has with CONFLICT on the slug field", async () => {
    const a = await signUpOwner(db);
    const b = await signUpOwner(db);
    const error = await catchError(b.caller.workspace.update({ slug: a.workspace.slug }));
    expect(error.code).toBe("CONFLICT");
    // Worded exactly like a reserved address: nothing said about whose it is.
    expect(error.shape.data.fieldErrors).toEqual({ slug: ["This address is not available"] });
    const reserved = await catchError(b.caller.workspace.update({ slug: "api" }));
    expect(reserved.shape.data.fieldErrors).toEqual(error.shape.data.fieldErrors);
    expect((await b.caller.workspace.get()).slug).toBe(b.workspace.slug);
  });

  it("is for admins: an agent and a read key are refused, a write key may", async () => {
    const { workspace, caller } = await signUpOwner(db);
    const { caller: agent } = await addMember(db, workspace, "agent");
    const { caller: admin } = await addMember(db, workspace, "admin");
    expect((await catchError(agent.workspace.update({ name: "Nope" }))).code).toBe("FORBIDDEN");
    const read = await createKey(db, caller, "read");
    expect((await catchError(read.caller.workspace.update({ name: "Nope" }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await read.caller.workspace.get()).role).toBe("agent");
    const write = await createKey(db, caller, "write");
    expect((await write.caller.workspace.update({ timezone: "Asia/Tokyo" })).timezone).toBe(
      "Asia/Tokyo",
    );
    expect((await admin.workspace.update({ name: "By admin" })).name).toBe("By admin");
    expect((await caller.workspace.get()).name).toBe("By admin");
  });
});

describe("workspace.members", () => {
  it("lists members with name, email, role and join date", async () => {
    const { user, workspace, caller } = await signUpOwner(db);
    const { user: agent, caller: agentCaller } = await addMember(db, workspace, "agent");
    const expected = [
      {
        userId: user.id,
        name: user.name,
        email: user.email,
        role: "owner",
        joinedAt: expect.any(Date),
      },
      {
        userId: agent.id,
        name: agent.name,
        email: agent.email,
        role: "agent",
        joinedAt: expect.any(Date),
      },
    ];
    expect(await caller.workspace.members.list()).toEqual(expected);
    // Any member may read the list.
    expect(await agentCaller.workspace.members.list()).toEqual(expected);
  });

  it("lets an admin change an agent's role, but not grant or take away ownership", async () => {
    const { user: owner, workspace } = await signUpOwner(db);
    const { caller: admin } = await addMember(db, workspace, "admin");
    const { user: agent } = await addMember(db, workspace, "agent");
    expect(await admin.workspace.members.changeRole({ userId: agent.id, role: "admin" })).toEqual({
      userId: agent.id,
      role: "admin",
    });
    const promote = await catchError(
      admin.workspace.members.changeRole({ userId: agent.id, role: "owner" }),
    );
    expect(promote.code).toBe("FORBIDDEN");
    const demote = await catchError(
      admin.workspace.members.changeRole({ userId: owner.id, role: "agent" }),
    );
    expect(demote.code).toBe("FORBIDDEN");
    const remove = await catchError(admin.workspace.members.remove({ userId: owner.id }));
    expect(remove.code).toBe("FORBIDDEN");
  });

  it("keeps at least one owner: the last one can be neither demoted nor removed", async () => {
    const { user: owner, workspace, caller } = await signUpOwner(db);
    const demote = await catchError(
      caller.workspace.members.changeRole({ userId: owner.id, role: "admin" }),
    );
    expect(demote.code).toBe("PRECONDITION_FAILED");
    expect(demote.message).toBe("A workspace needs at least one owner");
    const remove = await catchError(caller.workspace.members.remove({ userId: owner.id }));
    expect(remove.code).toBe("PRECONDITION_FAILED");

    // With a second owner, the first may step down.
    const { user: second } = await addMember(db, workspace, "agent");
    await caller.workspace.members.changeRole({ userId: second.id, role: "owner" });
    await caller.workspace.members.changeRole({ userId: owner.id, role: "admin" });
    const roles = (await caller.workspace.members.list()).map((m) => [m.userId, m.role]);
    expect(roles).toEqual([
      [owner.id, "admin"],
      [second.id, "owner"],
    ]);
  });

  it("removes a member, who then loses access", async () => {
    const { workspace, caller } = await signUpOwner(db);
    const { user: agent, caller: agentCaller } = await addMember(db, workspace, "agent");
    expect(await caller.workspace.members.remove({ userId: agent.id })).toEqual({
      userId: agent.id,
    });
    expect((await catchError(agentCaller.workspace.get())).code).toBe("NOT_FOUND");
    expect((await caller.workspace.members.list()).map((m) => m.userId)).not.toContain(agent.id);
    const missing = await catchError(caller.workspace.members.remove({ userId: agent.id }));
    expect(missing.code).toBe("NOT_FOUND");
  });

  it("refuses member changes to agents and read keys", async () => {
    const { user: owner, workspace, caller } = await signUpOwner(db);
    const { user: other, caller: agent } = await addMember(db, workspace, "agent");
    expect((await catchError(agent.workspace.members.remove({ userId: owner.id }))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (await catchError(agent.workspace.members.changeRole({ userId: other.id, role: "admin" })))
        .code,
    ).toBe("FORBIDDEN");
    const read = await createKey(db, caller, "read");
    expect(
      (await catchError(read.caller.workspace.members.remove({ userId: other.id }))).code,
    ).toBe("FORBIDDEN");
  });
});
