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

/** SMTP_URL is not set: retrying cannot help. */
export class MailNotConfiguredError extends Error {
  constructor() {
    super("SMTP is not configured");
    this.name = "MailNotConfiguredError";
  }
}

/**
 * Emails an invitation link; throws when the mail server refuses or cannot be reached, so the
 * invitation-email job retries. Runs in the worker, never inside a transaction.
 */
export async function sendInvitationEmail(mail: InvitationMail): Promise<void> {
  const mailer = getMailer();
  if (!mailer) throw new MailNotConfiguredError();
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
  } catch (error) {
    // The URL holds the token: log where it failed, not what was sent.
    log.warn("invitation email not sent", { to: mail.to, error });
    throw error;
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
