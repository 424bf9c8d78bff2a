import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { invitations } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { testDatabase } from "@/test/db";
import {
  addMember,
  callerFor,
  catchError,
  createKey,
  signUpOwner,
  uniqueEmail,
} from "@/test/factories";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

const tokenOf = (inviteUrl: string) => inviteUrl.split("/invite/")[1] ?? "";

describe("inviting", () => {
  it("creates an invitation with a link whose token is stored only as a hash", async () => {
    const { user, workspace, caller } = await signUpOwner(db);
    const email = uniqueEmail("invitee");
    const result = await caller.workspace.members.invite({
      email: email.toUpperCase(),
      role: "agent",
    });

    expect(result.invitation).toEqual({
      id: expect.any(String),
      email,
      role: "agent",
      expiresAt: expect.any(Date),
    });
    const days = (result.invitation.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    expect(result.inviteUrl).toMatch(/^http:\/\/parley\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(result.emailed).toBe("not_configured");

    const token = tokenOf(result.inviteUrl);
    const [row] = await withTenant(db, workspace.id, (tx) =>
      tx.select().from(invitations).where(eq(invitations.id, result.invitation.id)),
    );
    expect(row?.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await caller.workspace.invitations.list()).toEqual([
      {
        id: result.invitation.id,
        email,
        role: "agent",
        expiresAt: result.invitation.expiresAt,
        createdAt: expect.any(Date),
        emailStatus: null,
        emailError: null,
        invitedBy: { name: user.name, email: user.email },
      },
    ]);
    const { items } = await caller.audit.list({ action: "member.invite" });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ actorId: user.id, entityId: result.invitation.id });
    expect(JSON.stringify(items[0])).not.toContain(token);
  });

  it("replaces an open invitation for the same email", async () => {
    const { caller } = await signUpOwner(db);
    const email = uniqueEmail("twice");
    const first = await caller.workspace.members.invite({ email, role: "agent" });
    const second = await caller.workspace.members.invite({ email, role: "admin" });
    const list = await caller.workspace.invitations.list();
    expect(list.map((i) => [i.id, i.role])).toEqual([[second.invitation.id, "admin"]]);
    const anonymous = await callerFor(db, null);
    expect((await anonymous.auth.invitation({ token: tokenOf(first.inviteUrl) })).status).toBe(
      "revoked",
    );
    expect((await anonymous.auth.invitation({ token: tokenOf(second.inviteUrl) })).status).toBe(
      "open",
    );
  });

  it("refuses to invite a current member, with CONFLICT on the email field", async () => {
    const { workspace, caller } = await signUpOwner(db);
    const { user: member } = await addMember(db, workspace, "agent");
    const error = await catchError(
      caller.workspace.members.invite({ email: member.email, role: "admin" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(Object.keys(error.shape.data.fieldErrors ?? {})).toEqual(["email"]);
  });

  it("lets only owners invite owners, and only people (not agents or keys) invite at all", async () => {
    const { workspace, caller } = await signUpOwner(db);
    const { caller: admin } = await addMember(db, workspace, "admin");
    const { caller: agent } = await addMember(db, workspace, "agent");
    const write = await createKey(db, caller, "write");
    const email = uniqueEmail("x");
    expect((await catchError(admin.workspace.members.invite({ email, role: "owner" }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await catchError(agent.workspace.members.invite({ email, role: "agent" }))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (await catchError(write.caller.workspace.members.invite({ email, role: "agent" }))).code,
    ).toBe("FORBIDDEN");
    expect((await catchError(agent.workspace.invitations.list())).code).toBe("FORBIDDEN");
    await admin.workspace.members.invite({ email, role: "admin" });
    await caller.workspace.members.invite({ email: uniqueEmail("co-owner"), role: "owner" });
  });

  it("rejects a malformed email with BAD_REQUEST on the email field", async () => {
    const { caller } = await signUpOwner(db);
    const error = await catchError(
      caller.workspace.members.invite({ email: "nope", role: "agent" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(error.shape.data.fieldErrors ?? {})).toEqual(["email"]);
  });
});
