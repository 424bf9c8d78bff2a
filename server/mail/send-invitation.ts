import { log } from "@/server/logger";
import { getMailer } from "./mailer";

export type InvitationMail = {
  to: string;
  workspaceName: string;
  inviterName: string | null;
  role: string;
  inviteUrl: string;
  expiresAt: Date;
};

/**
 * Emails an invitation link. Returns whether it was sent; never throws, because the invite
 * itself has succeeded and its link is shown to the admin to pass on by hand.
 */
export async function sendInvitationEmail(mail: InvitationMail): Promise<boolean> {
  const mailer = getMailer();
  if (!mailer) return false;
  const who = mail.inviterName ?? "A colleague";
  const subject = `${who} invited you to ${mail.workspaceName} on Parley`;
  const expires = mail.expiresAt.toUTCString();
  const text = [
    `${who} invited you to join the workspace "${mail.workspaceName}" on Parley as ${mail.role}.`,
    "",
    `Accept the invitation: ${mail.inviteUrl}`,
    "",
    `The link works until ${expires}. If you did not expect this email, ignore it.`,
  ].join("\n");
  const html = `<p>${escapeHtml(who)} invited you to join the workspace <strong>${escapeHtml(
    mail.workspaceName,
  )}</strong> on Parley as ${escapeHtml(mail.role)}.</p>
<p><a href="${escapeHtml(mail.inviteUrl)}">Accept the invitation</a></p>
<p>The link works until ${escapeHtml(expires)}. If you did not expect this email, ignore it.</p>`;
  try {
    await mailer.transport.sendMail({ from: mailer.from, to: mail.to, subject, text, html });
    return true;
  } catch (error) {
    // The URL holds the token: log where it failed, not what was sent.
    log.warn("invitation email not sent", { to: mail.to, error });
    return false;
  }
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
