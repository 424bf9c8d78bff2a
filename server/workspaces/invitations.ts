import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { invitations, type MemberRole, memberships, users } from "@/db/schema";
import { hashSecret } from "@/server/auth/api-key-secret";
import { AppError, conflict, forbidden, notFound } from "@/server/errors";
import { invitationEmailJob } from "@/server/jobs/definitions/invitation-email";
import { enqueueJob, jobActorOf } from "@/server/jobs/enqueue";
import { getMailer } from "@/server/mail/mailer";
import type { TenantScope } from "./scope";

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** 256 random bits; only sha256(token) is stored, like API keys, so a database leak opens nothing. */
export function generateInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashSecret(token) };
}

export type CreatedInvitation = {
  invitation: { id: string; email: string; role: MemberRole; expiresAt: Date };
  token: string;
};

/**
 * Invites `email` with `role`. An invitation still pending for the same address (expired or
 * not) is revoked first: the partial unique index allows one pending invitation per address.
 */
export async function createInvitation(
  scope: TenantScope,
  input: { email: string; role: MemberRole },
): Promise<CreatedInvitation> {
  const { tx, actor, workspace } = scope;
  if (input.role === "owner" && actor.role !== "owner") {
    throw forbidden("Only an owner can invite another owner");
  }
  const [member] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspace.id), eq(users.email, input.email)))
    .limit(1);
  if (member) {
    throw conflict("Already a member", {
      email: ["This person is already a member of the workspace"],
    });
  }
  const replaced = await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.workspaceId, workspace.id),
        sql`lower(${invitations.email}) = ${input.email}`,
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });

  const { token, tokenHash } = generateInvitationToken();
  const [row] = await tx
    .insert(invitations)
    .values({
      workspaceId: workspace.id,
      email: input.email,
      role: input.role,
      tokenHash,
      invitedBy: actor.type === "user" ? actor.userId : null,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    })
    .returning({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
    });
  if (!row) throw new Error("insert returned no invitation");
  await scope.audit({
    action: "member.invite",
    entityType: "invitation",
    entityId: row.id,
    summary: { email: row.email, role: row.role, replaced: replaced.map((r) => r.id) },
  });
  return { invitation: row, token };
}

/**
 * Creates the invitation and, when SMTP is configured, queues its e-mail in the same
 * transaction: a rolled-back invitation is never mailed, and the procedure does not wait for
 * the mail server. `emailed` is "queued" or "not_configured"; the members page then follows
 * the invitation's emailStatus.
 */
export async function inviteAndQueueEmail(
  scope: TenantScope,
  input: { email: string; role: MemberRole },
  origin: string,
) {
  const { invitation, token } = await createInvitation(scope, input);
  const inviteUrl = `${origin}/invite/${token}`;
  if (!getMailer()) return { invitation, inviteUrl, emailed: "not_configured" as const };
  const { actor } = scope;
  await enqueueJob(scope, invitationEmailJob, {
    workspaceId: scope.workspace.id,
    actor: jobActorOf(actor),
    invitationId: invitation.id,
    inviteUrl,
    inviterName: actor.type === "user" ? (actor.name ?? actor.email) : null,
  });
  await scope.tx
    .update(invitations)
    .set({ emailStatus: "queued" })
    .where(eq(invitations.id, invitation.id));
  return { invitation, inviteUrl, emailed: "queued" as const };
}

/** Invitations that can still be accepted, newest first. */
export async function listOpenInvitations(scope: TenantScope) {
  const inviter = alias(users, "inviter");
  const rows = await scope.tx
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      emailStatus: invitations.emailStatus,
      emailError: invitations.emailError,
      inviterName: inviter.name,
      inviterEmail: inviter.email,
    })
    .from(invitations)
    // The inviter is visible while they are still a member (users' RLS policy); else null.
    .leftJoin(inviter, eq(inviter.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.workspaceId, scope.workspace.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(invitations.createdAt));
  return rows.map(({ inviterName, inviterEmail, ...row }) => ({
    ...row,
    invitedBy: inviterEmail ? { name: inviterName, email: inviterEmail } : null,
  }));
}

export async function revokeInvitation(
  scope: TenantScope,
  input: { id: string },
): Promise<{ id: string; revokedAt: Date }> {
  const [current] = await scope.tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, input.id), eq(invitations.workspaceId, scope.workspace.id)))
    .for("update");
  if (!current) throw notFound("Invitation");
  if (current.acceptedAt) {
    throw new AppError("PRECONDITION_FAILED", "This invitation has already been accepted");
  }
  if (current.revokedAt) return { id: current.id, revokedAt: current.revokedAt };
  const revokedAt = new Date();
  await scope.tx.update(invitations).set({ revokedAt }).where(eq(invitations.id, current.id));
  await scope.audit({
    action: "invitation.revoke",
    entityType: "invitation",
    entityId: current.id,
    summary: { email: current.email, role: current.role },
  });
  return { id: current.id, revokedAt };
}
