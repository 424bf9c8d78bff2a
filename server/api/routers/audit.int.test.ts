import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { withTenant } from "@/db/tenant";
import { SYSTEM_ACTOR } from "@/server/audit/actor";
import { recordAudit } from "@/server/audit/record";
import { testDatabase } from "@/test/db";
import {
  addMember,
  callerFor,
  catchError,
  createKey,
  createUser,
  signUpOwner,
  uniqueEmail,
} from "@/test/factories";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

describe("audit.list", () => {
  it("pages newest first with an opaque cursor, without repeating or skipping rows", async () => {
    const { workspace, caller } = await signUpOwner(db);
    // Rows written in one transaction share created_at to the microsecond: the id breaks ties.
    await withTenant(db, workspace.id, async (tx) => {
      for (let n = 1; n <= 5; n++) {
        await recordAudit(tx, workspace.id, SYSTEM_ACTOR, {
          action: "test.batch",
          entityType: "test",
          entityId: `b${n}`,
        });
      }
    });
    for (let n = 1; n <= 3; n++) await caller.workspace.update({ name: `Name ${n}` });

    const all = await caller.audit.list({ limit: 100 });
    expect(all.nextCursor).toBeNull();
    expect(all.items).toHaveLength(9); // workspace.create + 5 batch + 3 updates
    const sorted = [...all.items].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id,
    );
    expect(all.items.map((i) => i.id)).toEqual(sorted.map((i) => i.id));

    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await caller.audit.list({ limit: 2, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
      if (cursor) expect(cursor).not.toMatch(/^\d+$/);
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual(all.items.map((i) => i.id));
    // TanStack's infinite queries refetch the first page with `cursor: null`.
    const first = await caller.audit.list({ limit: 2, cursor: null });
    expect(first.items.map((i) => i.id)).toEqual(seen.slice(0, 2));
  });

  it("filters by action, entity type, actor and time range", async () => {
    const { user, caller } = await signUpOwner(db);
    const write = await createKey(db, caller, "write");
    await write.caller.workspace.update({ name: "By key" });
    await caller.workspace.members.invite({ email: uniqueEmail("f"), role: "agent" });

    const byAction = await caller.audit.list({ action: "workspace.update" });
    expect(byAction.items.map((i) => [i.actorType, i.actorId])).toEqual([["api_key", write.id]]);
    const byEntity = await caller.audit.list({ entityType: "invitation" });
    expect(byEntity.items.map((i) => i.action)).toEqual(["member.invite"]);
    const byActor = await caller.audit.list({ actorId: user.id });
    expect(byActor.items.map((i) => i.action).sort()).toEqual([
      "api_key.create",
      "member.invite",
      "workspace.create",
    ]);

    const all = await caller.audit.list({});
    const newest = all.items[0];
    const oldest = all.items.at(-1);
    if (!newest || !oldest) throw new Error("no rows");
    expect((await caller.audit.list({ from: newest.createdAt })).items.map((i) => i.id)).toContain(
      newest.id,
    );
    expect((await caller.audit.list({ from: new Date(Date.now() + 60_000) })).items).toEqual([]);
    expect(
      (await caller.audit.list({ to: new Date(oldest.createdAt.getTime() - 1) })).items,
    ).toEqual([]);
  });

  it("rejects a forged cursor and an out-of-range limit", async () => {
    const { caller } = await signUpOwner(db);
    for (const cursor of [
      "not-a-cursor",
      Buffer.from('{"t":"x; drop table users","i":1}').toString("base64url"),
    ]) {
      const error = await catchError(caller.audit.list({ cursor }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(Object.keys(error.shape.data.fieldErrors ?? {})).toEqual(["cursor"]);
    }
    expect((await catchError(caller.audit.list({ limit: 101 }))).code).toBe("BAD_REQUEST");
    expect((await catchError(caller.audit.list({ limit: 0 }))).code).toBe("BAD_REQUEST");
  });

  it("is for admins: agents and read keys are refused", async () => {
    const { workspace, caller } = await signUpOwner(db);
    const { caller: agent } = await addMember(db, workspace, "agent");
    const read = await createKey(db, caller, "read");
    expect((await catchError(agent.audit.list({}))).code).toBe("FORBIDDEN");
    expect((await catchError(read.caller.audit.list({}))).code).toBe("FORBIDDEN");
    const { caller: admin } = await addMember(db, workspace, "admin");
    expect((await admin.audit.list({})).items.length).toBeGreaterThan(0);
  });
});

describe("every mutation leaves an audit row naming its actor", () => {
  it("records users and API keys across all routers", async () => {
    const { user: owner, workspace, caller } = await signUpOwner(db);
    const write = await createKey(db, caller, "write");
    const { user: agent } = await addMember(db, workspace, "agent");
    const invited = await caller.workspace.members.invite({
      email: uniqueEmail("inv"),
      role: "agent",
    });
    await caller.workspace.invitations.revoke({ id: invited.invitation.id });
    const joining = await createUser(db, "joining");
    const { inviteUrl } = await caller.workspace.members.invite({
      email: joining.email,
      role: "agent",
    });
    await (await callerFor(db, { user: joining })).auth.acceptInvitation({
      token: inviteUrl.split("/invite/")[1] ?? "",
    });
    await caller.workspace.update({ locale: "de-DE" });
    await write.caller.workspace.update({ currency: "EUR" });
    await caller.workspace.members.changeRole({ userId: agent.id, role: "admin" });
    await caller.workspace.members.remove({ userId: joining.id });
    const other = await caller.apiKeys.create({ name: "temp", scope: "read" });
    await caller.apiKeys.revoke({ id: other.apiKey.id });

    const { items } = await caller.audit.list({ limit: 100 });
    const rows = items
      .map((i) => ({
        action: i.action,
        actorType: i.actorType,
        actorId: i.actorId,
        entityId: i.entityId,
      }))
      .reverse();
    expect(rows).toEqual([
      { action: "workspace.create", actorType: "user", actorId: owner.id, entityId: workspace.id },
      { action: "api_key.create", actorType: "user", actorId: owner.id, entityId: write.id },
      {
        action: "member.invite",
        actorType: "user",
        actorId: owner.id,
        entityId: invited.invitation.id,
      },
      {
        action: "invitation.revoke",
        actorType: "user",
        actorId: owner.id,
        entityId: invited.invitation.id,
      },
      {
        action: "member.invite",
        actorType: "user",
        actorId: owner.id,
        entityId: expect.any(String),
      },
      {
        action: "invitation.accept",
        actorType: "user",
        actorId: joining.id,
        entityId: expect.any(String),
      },
      { action: "workspace.update", actorType: "user", actorId: owner.id, entityId: workspace.id },
      {
        action: "workspace.update",
        actorType: "api_key",
        actorId: write.id,
        entityId: workspace.id,
      },
      { action: "member.change_role", actorType: "user", actorId: owner.id, entityId: agent.id },
      { action: "member.remove", actorType: "user", actorId: owner.id, entityId: joining.id },
      { action: "api_key.create", actorType: "user", actorId: owner.id, entityId: other.apiKey.id },
      { action: "api_key.revoke", actorType: "user", actorId: owner.id, entityId: other.apiKey.id },
    ]);
    expect(items.find((i) => i.actorType === "api_key")?.actorLabel).toBe('API key "write key"');
  });

  it("a refused mutation leaves no row", async () => {
    const { user, caller } = await signUpOwner(db);
    await catchError(caller.workspace.members.remove({ userId: user.id }));
    await catchError(caller.workspace.update({ slug: "api" }));
    const { items } = await caller.audit.list({});
    expect(items.map((i) => i.action)).toEqual(["workspace.create"]);
  });

  it("records the client IP", async () => {
    const { user, workspace } = await signUpOwner(db);
    const fromOffice = await callerFor(db, { user, slug: workspace.slug }, { ip: "203.0.113.7" });
    await fromOffice.workspace.update({ timezone: "Europe/Berlin" });
    const { items } = await fromOffice.audit.list({ action: "workspace.update" });
    expect(items[0]?.ip).toBe("203.0.113.7");
  });
});
