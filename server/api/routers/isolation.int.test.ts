import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import {
  addMember,
  type Caller,
  callerFor,
  catchError,
  createKey,
  signUpOwner,
  type TestUser,
  type TestWorkspace,
  uniqueEmail,
} from "@/test/factories";

/**
 * Two tenants side by side: nothing that belongs to A can be read or changed by B's people or
 * B's keys, whichever router they go through.
 */
let db: Database;
type Tenant = {
  owner: TestUser;
  workspace: TestWorkspace;
  caller: Caller;
  agent: TestUser;
  key: { key: string; id: string; caller: Caller };
  invitationId: string;
};
let a: Tenant;
let b: Tenant;

async function tenant(label: string): Promise<Tenant> {
  const { user, workspace, caller } = await signUpOwner(db, { workspaceName: `${label} Corp` });
  const { user: agent } = await addMember(db, workspace, "agent");
  const key = await createKey(db, caller, "write");
  const { invitation } = await caller.workspace.members.invite({
    email: uniqueEmail(label),
    role: "agent",
  });
  return { owner: user, workspace, caller, agent, key, invitationId: invitation.id };
}

beforeAll(async () => {
  db = await testDatabase();
  a = await tenant("alpha");
  b = await tenant("beta");
});

describe("tenant isolation", () => {
  it("B's owner asking for A's workspace by slug gets NOT_FOUND from every router", async () => {
    const intruder = await callerFor(db, { user: b.owner, slug: a.workspace.slug });
    const attempts: [string, () => Promise<unknown>][] = [
      ["workspace.get", () => intruder.workspace.get()],
      ["workspace.update", () => intruder.workspace.update({ name: "Pwned" })],
      ["members.list", () => intruder.workspace.members.list()],
      [
        "members.invite",
        () => intruder.workspace.members.invite({ email: uniqueEmail("x"), role: "owner" }),
      ],
      [
        "members.changeRole",
        () => intruder.workspace.members.changeRole({ userId: a.agent.id, role: "owner" }),
      ],
      ["members.remove", () => intruder.workspace.members.remove({ userId: a.owner.id })],
      ["invitations.list", () => intruder.workspace.invitations.list()],
      ["invitations.revoke", () => intruder.workspace.invitations.revoke({ id: a.invitationId })],
      ["apiKeys.list", () => intruder.apiKeys.list()],
      ["apiKeys.create", () => intruder.apiKeys.create({ name: "x", scope: "write" })],
      ["apiKeys.revoke", () => intruder.apiKeys.revoke({ id: a.key.id })],
      ["audit.list", () => intruder.audit.list({})],
    ];
    for (const [name, attempt] of attempts) {
      expect([name, (await catchError(attempt())).code]).toEqual([name, "NOT_FOUND"]);
    }
    expect((await a.caller.workspace.get()).name).toBe(a.workspace.name);
  });

  it("B cannot reach A's keys, invitations or members by id from inside B", async () => {
    const revokeKey = await catchError(b.caller.apiKeys.revoke({ id: a.key.id }));
    expect(revokeKey.code).toBe("NOT_FOUND");
    expect((await a.key.caller.workspace.get()).id).toBe(a.workspace.id);

    const revokeInvite = await catchError(
      b.caller.workspace.invitations.revoke({ id: a.invitationId }),
    );
    expect(revokeInvite.code).toBe("NOT_FOUND");
    expect((await a.caller.workspace.invitations.list()).map((i) => i.id)).toEqual([
      a.invitationId,
    ]);

    for (const attempt of [
      () => b.caller.workspace.members.changeRole({ userId: a.agent.id, role: "admin" }),
      () => b.caller.workspace.members.remove({ userId: a.agent.id }),
    ]) {
      expect((await catchError(attempt())).code).toBe("NOT_FOUND");
    }
    // Keys never manage members, in their own workspace or any other.
    const byKey = await catchError(b.key.caller.workspace.members.remove({ userId: a.agent.id }));
    expect(byKey.code).toBe("FORBIDDEN");
    const aMembers = await a.caller.workspace.members.list();
    expect(aMembers.map((m) => [m.userId, m.role])).toEqual([
      [a.owner.id, "owner"],
      [a.agent.id, "agent"],
    ]);
  });

  it("B's key sees only B, and is refused when it names A's workspace", async () => {
    const members = await b.key.caller.workspace.members.list();
    expect(members.map((m) => m.userId).sort()).toEqual([b.owner.id, b.agent.id].sort());
    expect((await b.key.caller.workspace.get()).id).toBe(b.workspace.id);

    const aimed = await callerFor(db, { apiKey: b.key.key, slug: a.workspace.slug });
    expect((await catchError(aimed.workspace.members.list())).code).toBe("FORBIDDEN");
    expect((await catchError(aimed.workspace.update({ name: "Pwned" }))).code).toBe("FORBIDDEN");
  });

  it("lists of B contain nothing of A", async () => {
    const keys = await b.caller.apiKeys.list();
    expect(keys.map((k) => k.id)).toEqual([b.key.id]);
    const invitations = await b.caller.workspace.invitations.list();
    expect(invitations.map((i) => i.id)).toEqual([b.invitationId]);
    const mine = await b.caller.workspace.mine();
    expect(mine.map((w) => w.id)).toEqual([b.workspace.id]);

    const audit = await b.key.caller.audit.list({ limit: 100 });
    const text = JSON.stringify(audit.items);
    expect(audit.items.length).toBeGreaterThan(0);
    for (const secret of [a.workspace.id, a.owner.id, a.owner.email, a.key.id, a.invitationId]) {
      expect(text).not.toContain(secret);
    }
    expect((await b.caller.audit.list({ actorId: a.owner.id })).items).toEqual([]);
  });

  it("a person in both workspaces has each one's role and data under its slug", async () => {
    const { user, caller: inA } = await addMember(db, a.workspace, "admin");
    const token = (
      await b.caller.workspace.members.invite({ email: user.email, role: "agent" })
    ).inviteUrl.split("/invite/")[1];
    await (await callerFor(db, { user })).auth.acceptInvitation({ token: token ?? "" });
    const inB = await callerFor(db, { user, slug: b.workspace.slug });

    expect((await inA.workspace.get()).role).toBe("admin");
    expect((await inB.workspace.get()).role).toBe("agent");
    expect((await inA.apiKeys.list()).map((k) => k.id)).toEqual([a.key.id]);
    // Admin in A gives nothing in B.
    expect((await catchError(inB.apiKeys.list())).code).toBe("FORBIDDEN");
    expect((await catchError(inB.audit.list({}))).code).toBe("FORBIDDEN");
    const bMembers = (await inB.workspace.members.list()).map((m) => m.userId);
    expect(bMembers).not.toContain(a.owner.id);
    expect(bMembers).toContain(user.id);
  });
});
