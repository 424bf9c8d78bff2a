import { log } from "@/server/logger";
import { getMailer } from "./mailer";

/**
 * Tells the owner of an existing account that someone tried to sign up with their address.
 * Sign-up answers the same whether or not an account exists (server/workspaces/sign-up.ts), so
 * this mail is the only place the difference shows, and only to the address's owner.
 */
export async function sendSignUpNotice(mail: { to: string; signInUrl: string }): Promise<boolean> {
  const mailer = getMailer();
  if (!mailer) return false;
  const text = [
    "Someone tried to create a new Parley account with this email address, which already has one.",
    "",
    `If it was you, sign in instead: ${mail.signInUrl}`,
    "",
    "If it was not you, you can ignore this message: nothing about your account has changed.",
  ].join("\n");
  try {
    await mailer.transport.sendMail({
      from: mailer.from,
      to: mail.to,
      subject: "Someone tried to sign up with your email address",
      text,
    });
    return true;
  } catch (error) {
    log.warn("sign-up notice not sent", { error });
    return false;
  }
}
