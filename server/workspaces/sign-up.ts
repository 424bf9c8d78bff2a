import { z } from "zod";
import type { Database } from "@/db";
import { hashPassword } from "@/server/auth/password";
import { consumeOncePer, consumeSignUpAttempt } from "@/server/auth/rate-limit";
import { AppError, isUniqueViolation } from "@/server/errors";
import { log } from "@/server/logger";
import { sendSignUpNotice } from "@/server/mail/send-sign-up-notice";
import { findUserByEmail, insertUser } from "./accounts";
import { createWorkspaceWithOwner } from "./create-workspace";
import { emailSchema, passwordSchema, personNameSchema, workspaceNameSchema } from "./schemas";

export const signUpSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
  workspaceName: workspaceNameSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

/**
 * What sign-up answers, whether or not the email already had an account: nothing in the
 * response tells them apart. The client then signs in with the same email and password, which
 * works for a new account (and for an existing one only with its own password).
 */
export type SignUpAnswer = { status: "submitted" };
const ANSWER: SignUpAnswer = { status: "submitted" };

/** At most one "someone tried to sign up" mail per address per hour, so it cannot be a spam cannon. */
const NOTICE_INTERVAL_SECONDS = 60 * 60;

/**
 * A new account with its own workspace, all or nothing: the user row and the workspace share
 * one transaction, so a failure in the workspace part leaves no orphan account behind.
 *
 * For an email that already has an account nothing is written and nobody is signed in; the
 * owner is e-mailed (when SMTP is configured) that someone tried. The password is hashed either
 * way, so both take about as long (one scrypt), and the mail is sent after the answer.
 */
export async function signUp(
  db: Database,
  input: SignUpInput,
  meta: { ip: string | null; origin: string | null },
): Promise<SignUpAnswer> {
  const wait = await consumeSignUpAttempt(db, meta.ip);
  if (wait > 0) {
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `Too many sign-ups from this network. Try again in ${Math.ceil(wait / 60)} minutes.`,
    );
  }
  const passwordHash = await hashPassword(input.password);
  if (await findUserByEmail(db, input.email)) {
    notifyExistingAccount(db, input.email, meta.origin);
    return ANSWER;
  }
  try {
    await db.transaction(async (tx) => {
      const userId = await insertUser(tx, {
        name: input.name,
        email: input.email,
        passwordHash,
      });
      await createWorkspaceWithOwner(tx, {
        name: input.workspaceName,
        owner: { userId, email: input.email, name: input.name },
        ip: meta.ip,
      });
    });
  } catch (error) {
    // Someone signed up with this email between the check and the insert.
    if (!isUniqueViolation(error, "users_email_idx")) throw error;
    notifyExistingAccount(db, input.email, meta.origin);
  }
  return ANSWER;
}

/** Not awaited: an SMTP round trip in the answer would time-tell existing accounts apart. */
function notifyExistingAccount(db: Database, email: string, origin: string | null): void {
  void (async () => {
    if (!(await consumeOncePer(db, `signup-notice:${email}`, NOTICE_INTERVAL_SECONDS))) return;
    await sendSignUpNotice({
      to: email,
      signInUrl: `${origin ?? "http://localhost:3000"}/sign-in`,
    });
  })().catch((error: unknown) => log.warn("sign-up notice failed", { error }));
}
