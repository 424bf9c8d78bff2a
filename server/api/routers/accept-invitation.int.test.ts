import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { invitations, memberships } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { checkCredentials } from "@/server/auth/credentials";
import { testDatabase } from "@/test/db";
import { callerFor, catchError, createUser, signUpOwner, uniqueEmail } from "@/test/factories";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

const tokenOf = (inviteUrl: string) => inviteUrl.split("/invite/")[1] ?? "";

describe("accepting", () => {
  it("creates the account of a new invitee, who joins with the invited role", async () => {
    const { workspace, caller } = await signUpOwner(db);
    const email = uniqueEmail("newbie");
    const { inviteUrl } = await caller.workspace.members.invite({ email, role: "admin" });
    const token = tokenOf(inviteUrl);
    const anonymous = await callerFor(db, null);

    expect(await anonymous.auth.invitation({ token })).toEqual({
      workspaceName: workspace.name,
      email,
      role: "admin",
      status: "open",
      hasAccount: false,
    });
    const missing = await catchError(anonymous.auth.acceptInvitation({ token }));
    expect(missing.code).toBe("BAD_REQUEST");
    expect(Object.keys(missing.shape.data.fieldErrors ?? {}).sort()).toEqual(["name", "password"]);
    const short = await catchError(
      anonymous.auth.acceptInvitation({ token, name: "N", password: "123" }),
    );
    expect(Object.keys(short.shape.data.fieldErrors ?? {})).toEqual(["password"]);

    expect(
      await anonymous.auth.acceptInvitation({
        token,
        name: "Nora New",
        password: "her own password",
      }),
    ).toEqual({ workspace: { slug: workspace.slug, name: workspace.name }, email });

    const signIn = await checkCredentials(db, { email, password: "her own password", ip: null });
    expect(signIn.ok).toBe(true);
    if (!signIn.ok) return;
    const members = await caller.workspace.members.list();
    expect(members.find((m) => m.email === email)).toMatchObject({
      userId: signIn.user.id,
      name: "Nora New",
      role: "admin",
    });
    const [accepted] = (await caller.audit.list({ action: "invitation.accept" })).items;
    expect(accepted).toMatchObject({
      actorType: "user",
      actorId: signIn.user.id,
      actorLabel: email,
    });
    expect(await caller.workspace.invitations.list()).toEqual([]);
    expect((await anonymous.auth.invitation({ token })).status).toBe("accepted");
    const again = await catchError(
      anonymous.auth.acceptInvitation({ token, name: "N", password: "whatever1" }),
    );
    expect(again.code).toBe("PRECONDITION_FAILED");
  });

  it("lets an existing user accept once signed in as the invited email", async () => {
    const { workspace, caller } = await signUpOwner(db);
    const existing = await createUser(db, "existing");
    const stranger = await createUser(db, "stranger");
    const { inviteUrl } = await caller.workspace.members.invite({
      email: existing.email,
      role: "agent",
    });
    const token = tokenOf(inviteUrl);

    const anonymous = await callerFor(db, null);
    expect((await anonymous.auth.invitation({ token })).hasAccount).toBe(true);
    const notSignedIn = await catchError(
      anonymous.auth.acceptInvitation({ token, name: "Imposter", password: "takeover123" }),
    );
    expect(notSignedIn.code).toBe("UNAUTHORIZED");
    expect(notSignedIn.message).toBe(`Sign in as ${existing.email} to accept this invitation`);

    const wrong = await catchError(
      (await callerFor(db, { user: stranger })).auth.acceptInvitation({ token }),
    );
    expect(wrong.code).toBe("FORBIDDEN");
    expect(wrong.message).toContain(existing.email);
    expect(wrong.message).toContain(stranger.email);

    const asInvitee = await callerFor(db, { user: existing });
    expect(await asInvitee.auth.acceptInvitation({ token })).toEqual({
      workspace: { slug: workspace.slug, name: workspace.name },
      email: existing.email,
    });
    const mine = await asInvitee.workspace.mine();
    expect(mine).toEqual([
      { id: workspace.id, name: workspace.name, slug: workspace.slug, role: "agent" },
    ]);
    // The password of the existing account was not touched by the attempt above.
    expect(
      (await checkCredentials(db, { email: existing.email, password: existing.password, ip: null }))
        .ok,
    ).toBe(true);
  });

  it("refuses expired and revoked invitations, and unknown tokens", async () => {
    const { workspace, caller } = await signUpOwner(db);
    const anonymous = await callerFor(db, null);
    const expired = await caller.workspace.members.invite({
      email: uniqueEmail("late"),
      role: "agent",
    });
    await withTenant(db, workspace.id, (tx) =>
      tx
        .update(invitations)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(invitations.id, expired.invitation.id)),
    );
    const expiredToken = tokenOf(expired.inviteUrl);
    expect((await anonymous.auth.invitation({ token: expiredToken })).status).toBe("expired");
    const late = await catchError(
      anonymous.auth.acceptInvitation({
        token: expiredToken,
        name: "Late",
        password: "password123",
      }),
    );
    expect(late.code).toBe("PRECONDITION_FAILED");
    expect(late.message).toMatch(/expired/);
    expect(await caller.workspace.invitations.list()).toEqual([]);

    const revoked = await caller.workspace.members.invite({
      email: uniqueEmail("gone"),
      role: "agent",
    });
    const result = await caller.workspace.invitations.revoke({ id: revoked.invitation.id });
    expect(result).toEqual({ id: revoked.invitation.id, revokedAt: expect.any(Date) });
    const revokedToken = tokenOf(revoked.inviteUrl);
    expect((await anonymous.auth.invitation({ token: revokedToken })).status).toBe("revoked");
    const withdrawn = await catchError(
      anonymous.auth.acceptInvitation({
        token: revokedToken,
        name: "Gone",
        password: "password123",
      }),
    );
    expect(withdrawn.code).toBe("PRECONDITION_FAILED");
    expect(withdrawn.message).toMatch(/withdrawn/);

    const unknown = "x".repeat(43);
    expect((await catchError(anonymous.auth.invitation({ token: unknown }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await catchError(anonymous.auth.acceptInvitation({ token: unknown }))).code).toBe(
      "NOT_FOUND",
    );
    // Nobody joined.
    expect((await caller.workspace.members.list()).length).toBe(1);
  });

  it("marks the invitation accepted when the invitee is already a member", async () => {
    const { workspace, caller } = await signUpOwner(db);
    const person = await createUser(db, "both");
    const { inviteUrl } = await caller.workspace.members.invite({
      email: person.email,
      role: "admin",
    });
    // They join some other way before using the link.
    await withTenant(db, workspace.id, (tx) =>
      tx
        .insert(memberships)
        .values({ workspaceId: workspace.id, userId: person.id, role: "agent" }),
    );
    await (await callerFor(db, { user: person })).auth.acceptInvitation({
      token: tokenOf(inviteUrl),
    });
    const member = (await caller.workspace.members.list()).find((m) => m.userId === person.id);
    expect(member?.role).toBe("agent");
    expect(
      (await (await callerFor(db, null)).auth.invitation({ token: tokenOf(inviteUrl) })).status,
    ).toBe("accepted");
  });
});
