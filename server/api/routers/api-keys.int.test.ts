import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { apiKeys } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { createContext } from "@/server/api/context";
import { testDatabase } from "@/test/db";
import { addMember, callerFor, catchError, createKey, signUpOwner } from "@/test/factories";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

function bearerContext(key: string) {
  const headers = new Headers({ authorization: `Bearer ${key}` });
  return createContext({ db, headers, getSessionUser: async () => null });
}

describe("apiKeys", () => {
  it("returns the secret once; the list shows only its prefix", async () => {
    const { user, workspace, caller } = await signUpOwner(db);
    const { key, apiKey } = await caller.apiKeys.create({
      name: " Help desk sync ",
      scope: "write",
    });
    expect(key).toMatch(/^pk_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toEqual({
      id: expect.any(String),
      name: "Help desk sync",
      prefix: key.slice(0, 11),
      scope: "write",
      createdAt: expect.any(Date),
    });

    const list = await caller.apiKeys.list();
    expect(list).toEqual([
      {
        ...apiKey,
        lastUsedAt: null,
        revokedAt: null,
        createdBy: { name: user.name, email: user.email },
      },
    ]);
    const [stored] = await withTenant(db, workspace.id, (tx) =>
      tx.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id)),
    );
    const serialized = JSON.stringify(list);
    expect(serialized).not.toContain(key);
    expect(serialized).not.toContain(key.slice(12));
    expect(serialized).not.toContain(stored?.secretHash);
    // The audit trail names the key but never holds the secret.
    const { items } = await caller.audit.list({ entityType: "api_key" });
    expect(items.map((i) => i.action)).toEqual(["api_key.create"]);
    expect(JSON.stringify(items)).not.toContain(key.slice(12));
  });

  it("lists keys newest first, revoked ones included", async () => {
    const { caller } = await signUpOwner(db);
    const first = await caller.apiKeys.create({ name: "first", scope: "read" });
    const second = await caller.apiKeys.create({ name: "second", scope: "write" });
    await caller.apiKeys.revoke({ id: first.apiKey.id });
    const list = await caller.apiKeys.list();
    expect(list.map((k) => k.name)).toEqual(["second", "first"]);
    expect(list[1]?.revokedAt).toBeInstanceOf(Date);
    expect(list[0]?.id).toBe(second.apiKey.id);
  });

  it("authenticates as a Bearer token with the key's scope, until it is revoked", async () => {
    const { workspace, caller } = await signUpOwner(db);
    const { key, apiKey } = await caller.apiKeys.create({ name: "robot", scope: "read" });

    const ctx = await bearerContext(key);
    expect(ctx.actor).toEqual({
      type: "api_key",
      keyId: apiKey.id,
      workspaceId: workspace.id,
      scope: "read",
      name: "robot",
    });
    const keyCaller = await callerFor(db, { apiKey: key });
    expect(await keyCaller.workspace.get()).toMatchObject({ id: workspace.id, role: "agent" });
    expect((await caller.apiKeys.list())[0]?.lastUsedAt).toBeInstanceOf(Date);

    const revoked = await caller.apiKeys.revoke({ id: apiKey.id });
    expect(revoked).toEqual({ id: apiKey.id, revokedAt: expect.any(Date) });
    const after = await bearerContext(key);
    expect(after.actor).toBeNull();
    expect(after.rejectedApiKey).toBe(true);
    const refused = await catchError((await callerFor(db, { apiKey: key })).workspace.get());
    expect(refused.code).toBe("UNAUTHORIZED");
    expect(refused.message).toBe("This API key is invalid or has been revoked");
    // Revoking again changes nothing.
    expect(await caller.apiKeys.revoke({ id: apiKey.id })).toEqual(revoked);
  });

  it("refuses malformed and made-up keys", async () => {
    for (const key of ["nonsense", `pk_abcdefgh_${"a".repeat(43)}`]) {
      const ctx = await bearerContext(key);
      expect(ctx.actor).toBeNull();
      const error = await catchError((await callerFor(db, { apiKey: key })).workspace.get());
      expect(error.code).toBe("UNAUTHORIZED");
    }
  });

  it("is managed by human admins only: not by agents, and not by keys of any scope", async () => {
    const { workspace, caller } = await signUpOwner(db);
    const { caller: agent } = await addMember(db, workspace, "agent");
    const { caller: admin } = await addMember(db, workspace, "admin");
    const write = await createKey(db, caller, "write");
    const read = await createKey(db, caller, "read");

    for (const who of [agent, write.caller, read.caller]) {
      expect((await catchError(who.apiKeys.create({ name: "x", scope: "write" }))).code).toBe(
        "FORBIDDEN",
      );
      expect((await catchError(who.apiKeys.list())).code).toBe("FORBIDDEN");
      expect((await catchError(who.apiKeys.revoke({ id: write.id }))).code).toBe("FORBIDDEN");
      // Nor members: a leaked key must not be able to demote or remove people.
      const member = await addMember(db, workspace, "agent");
      expect(
        (
          await catchError(
            who.workspace.members.changeRole({ userId: member.user.id, role: "admin" }),
          )
        ).code,
      ).toBe("FORBIDDEN");
      expect(
        (await catchError(who.workspace.members.remove({ userId: member.user.id }))).code,
      ).toBe("FORBIDDEN");
    }
    // The write key still works: the failed attempts revoked nothing.
    expect((await write.caller.workspace.get()).role).toBe("admin");
    expect((await admin.apiKeys.create({ name: "by admin", scope: "read" })).apiKey.name).toBe(
      "by admin",
    );
  });

  it("a read key can query but not mutate anything", async () => {
    const { caller } = await signUpOwner(db);
    const read = await createKey(db, caller, "read");
    expect((await read.caller.workspace.members.list()).length).toBe(1);
    const error = await catchError(read.caller.workspace.update({ name: "Nope" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("This API key is read-only");
  });

  it.each([
    ["name", { name: "", scope: "read" }],
    ["name", { name: "k".repeat(81), scope: "read" }],
    ["scope", { name: "k", scope: "admin" }],
  ])("rejects a bad %s with BAD_REQUEST", async (field, input) => {
    const { caller } = await signUpOwner(db);
    // Deliberately wrong input, as an untyped client could send it.
    const error = await catchError(caller.apiKeys.create(input as { name: string; scope: "read" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(error.shape.data.fieldErrors ?? {})).toEqual([field]);
    expect(await caller.apiKeys.list()).toEqual([]);
  });
});
