import { eq } from "drizzle-orm";
import { invitations, workspaces } from "@/db/schema";
import { type JobHandler, PermanentJobError } from "@/server/jobs/define-job";
import type { InvitationEmailPayload } from "@/server/jobs/definitions/invitation-email";
import { MailNotConfiguredError, sendInvitationEmail } from "@/server/mail/send-invitation";

/**
 * Sends an invitation's e-mail: read the invitation (short transaction), talk to SMTP outside
 * any transaction, then record the outcome on the invitation, which the members page shows.
 * A revoked or accepted invitation is not mailed.
 */
export const sendInvitationJob: JobHandler<InvitationEmailPayload> = async (context, payload) => {
  const found = await context.run(async ({ tx }) => {
    const [row] = await tx
      .select({
        email: invitations.email,
        role: invitations.role,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        revokedAt: invitations.revokedAt,
        workspaceName: workspaces.name,
      })
      .from(invitations)
      .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
      .where(eq(invitations.id, payload.invitationId));
    return row;
  });
  if (!found || found.acceptedAt || found.revokedAt) return { sent: false, reason: "not open" };
  const setStatus = (emailStatus: string, emailError: string | null) =>
    context.run(({ tx }) =>
      tx
        .update(invitations)
        .set({ emailStatus, emailError })
        .where(eq(invitations.id, payload.invitationId)),
    );
  try {
    await sendInvitationEmail({
      to: found.email,
      workspaceName: found.workspaceName,
      inviterName: payload.inviterName,
      role: found.role,
      inviteUrl: payload.inviteUrl,
      expiresAt: found.expiresAt,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof MailNotConfiguredError;
    await setStatus(permanent || context.lastAttempt ? "failed" : "retrying", message);
    throw permanent ? new PermanentJobError(message) : error;
  }
  await setStatus("sent", null);
  return { sent: true };
};
