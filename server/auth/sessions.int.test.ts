import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import { memberships, userSessions } from "@/db/schema";
import { withTenant, withUser } from "@/db/tenant";
import { testDatabase } from "@/test/db";
import {
  addMember,
  callerFor,
  catchError,
  createKey,
  createUser,
  signUpOwner,
  type TestUser,
} from "@/test/factories";
import { checkCredentials } from "./credentials";
import { isSessionLive, revokeSession, startSession } from "./sessions";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterEach(() => {
  vi.useRealTimers();
});

const origin = { ip: "203.0.113.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" };

/** A signed-in browser of `user`: its session row, and a caller that presents its cookie. */
async function browserOf(user: TestUser, slug?: string) {
  const sessionId = await startSession(db, user.id, origin);
  const caller = await callerFor(db, { user: { ...user, sessionId }, slug });
  return { sessionId, caller };
}

describe("session records", () => {
  it("a session resolves until it is revoked, then never again", async () => {
    const user = await createUser(db);
    const sessionId = await startSession(db, user.id, origin);
    expect(await isSessionLive(db, user.id, sessionId)).toBe(true);
    expect(await revokeSession(db, user.id, sessionId)).toBe(true);
    expect(await isSessionLive(db, user.id, sessionId)).toBe(false);
    // A cookie naming a session of someone else, or no session at all, resolves to nothing.
    const other = await createUser(db);
    const theirs = await startSession(db, other.id, origin);
    expect(await isSessionLive(db, user.id, theirs)).toBe(false);
    expect(await isSessionLive(db, user.id, crypto.randomUUID())).toBe(false);
    expect(await isSessionLive(db, user.id, "not-a-uuid")).toBe(false);
  });

  it("a revocation made by another process is seen within the 5-second cache", async () => {
    const user = await createUser(db);
    const sessionId = await startSession(db, user.id, origin);
    expect(await isSessionLive(db, user.id, sessionId)).toBe(true);
    // Another web process revokes it: this process's cache does not know yet.
    await withUser(db, user.id, (tx) =>
      tx.update(userSessions).set({ revokedAt: new Date() }).where(eq(userSessions.id, sessionId)),
    );
    expect(await isSessionLive(db, user.id, sessionId)).toBe(true);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 6_000 });
    expect(await isSessionLive(db, user.id, sessionId)).toBe(false);
  });
});

describe("account.sessions, revokeSession and signOutEverywhere", () => {
  it("lists the user's live sessions with where they come from, marking this one", async () => {
    const user = await createUser(db);
    const laptop = await browserOf(user);
    const phone = await browserOf(user);
    const list = await laptop.caller.account.sessions();
    expect(list.map((s) => [s.id, s.current]).sort()).toEqual(
      [
        [laptop.sessionId, true],
        [phone.sessionId, false],
      ].sort(),
    );
    expect(list[0]).toMatchObject({ ip: origin.ip, userAgent: origin.userAgent });

    await laptop.caller.account.revokeSession({ id: phone.sessionId });
    expect(await isSessionLive(db, user.id, phone.sessionId)).toBe(false);
    expect((await laptop.caller.account.sessions()).map((s) => s.id)).toEqual([laptop.sessionId]);
  });

  it("sign out everywhere ends every session of the user, and only theirs", async () => {
    const user = await createUser(db);
    const a = await browserOf(user);
    const b = await browserOf(user);
    const stranger = await createUser(db);
    const theirs = await browserOf(stranger);
    expect(await a.caller.account.signOutEverywhere()).toEqual({ endedSessions: 2 });
    expect(await isSessionLive(db, user.id, a.sessionId)).toBe(false);
    expect(await isSessionLive(db, user.id, b.sessionId)).toBe(false);
    expect(await isSessionLive(db, stranger.id, theirs.sessionId)).toBe(true);
  });

  it("one user can neither see nor revoke another's sessions", async () => {
    const alice = await createUser(db, "alice");
    const bob = await createUser(db, "bob");
    const alicesSession = await browserOf(alice);
    const bobs = await browserOf(bob);

    expect((await bobs.caller.account.sessions()).map((s) => s.id)).toEqual([bobs.sessionId]);
    const error = await catchError(
      bobs.caller.account.revokeSession({ id: alicesSession.sessionId }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(await isSessionLive(db, alice.id, alicesSession.sessionId)).toBe(true);

    // In the database itself: as Bob, Alice's rows are invisible and unchangeable.
    const seen = await withUser(db, bob.id, async (tx) => ({
      read: await tx.select().from(userSessions).where(eq(userSessions.userId, alice.id)),
      updated: await tx
        .update(userSessions)
        .set({ revokedAt: new Date() })
        .where(eq(userSessions.id, alicesSession.sessionId))
        .returning({ id: userSessions.id }),
    }));
    expect(seen).toEqual({ read: [], updated: [] });
    await expect(
      withUser(db, bob.id, (tx) =>
        tx.insert(userSessions).values({ id: crypto.randomUUID(), userId: alice.id }),
      ),
    ).rejects.toThrow();
  });

  it("is for people: an API key is refused", async () => {
    const { caller } = await signUpOwner(db);
    const key = await createKey(db, caller, "write");
    expect((await catchError(key.caller.account.sessions())).code).toBe("FORBIDDEN");
    expect((await catchError(key.caller.account.signOutEverywhere())).code).toBe("FORBIDDEN");
  });
});

describe("account.changePassword", () => {
  it("needs the current password, ends the other sessions and keeps this one", async () => {
    const user = await createUser(db);
    const here = await browserOf(user);
    const elsewhere = await browserOf(user);
    const ip = `192.0.2.${crypto.randomUUID().slice(0, 8)}`;
    const caller = await callerFor(db, { user: { ...user, sessionId: here.sessionId } }, { ip });

    const wrong = await catchError(
      caller.account.changePassword({ currentPassword: "not it", newPassword: "a new password 2" }),
    );
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(wrong.shape.data.fieldErrors).toEqual({
      currentPassword: ["This is not your current password"],
    });
    expect(await isSessionLive(db, user.id, elsewhere.sessionId)).toBe(true);

    expect(
      await caller.account.changePassword({
        currentPassword: user.password,
        newPassword: "a new password 2",
      }),
    ).toEqual({ endedSessions: 1 });
    expect(await isSessionLive(db, user.id, here.sessionId)).toBe(true);
    expect(await isSessionLive(db, user.id, elsewhere.sessionId)).toBe(false);

    const signIn = (password: string) =>
      checkCredentials(db, { email: user.email, password, ip: null });
    expect((await signIn(user.password)).ok).toBe(false);
    expect((await signIn("a new password 2")).ok).toBe(true);
  });

  it("rejects a too-short new password without changing anything", async () => {
    const user = await createUser(db);
    const { caller } = await browserOf(user);
    const error = await catchError(
      caller.account.changePassword({ currentPassword: user.password, newPassword: "short" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(error.shape.data.fieldErrors ?? {})).toEqual(["newPassword"]);
    expect(
      (await checkCredentials(db, { email: user.email, password: user.password, ip: null })).ok,
    ).toBe(true);
  });
});

describe("removal from workspaces", () => {
  it("ends a person's sessions once they belong to no workspace, not before", async () => {
    const first = await signUpOwner(db);
    const second = await signUpOwner(db);
    const { user } = await addMember(db, first.workspace, "agent");
    const { sessionId } = await browserOf(user);
    // Also a member of the second workspace (as an accepted invitation would make them).
    await withTenant(db, second.workspace.id, (tx) =>
      tx
        .insert(memberships)
        .values({ workspaceId: second.workspace.id, userId: user.id, role: "agent" }),
    );

    await first.caller.workspace.members.remove({ userId: user.id });
    expect(await isSessionLive(db, user.id, sessionId)).toBe(true);
    await second.caller.workspace.members.remove({ userId: user.id });
    expect(await isSessionLive(db, user.id, sessionId)).toBe(false);
  });
});
