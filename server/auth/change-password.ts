import type { Database } from "@/db";
import { AppError, badRequest } from "@/server/errors";
import { hashPassword, verifyPassword } from "./password";
import { findUserWithPasswordById, setPasswordHash } from "./password-store";
import { beginAttempt, finishAttempt } from "./rate-limit";
import { revokeAllSessions } from "./sessions";

/**
 * Changes a signed-in user's password. The current password is required (a borrowed unlocked
 * browser must not be enough) and guessing it is throttled like sign-in, per account and
 * source. Every other session of the user ends; the one making the change stays signed in.
 */
export async function changePassword(
  db: Database,
  who: { userId: string; sessionId: string | null; ip: string | null },
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  const user = await findUserWithPasswordById(db, who.userId);
  if (!user) throw new AppError("UNAUTHORIZED", "Please sign in");
  if (!user.passwordHash) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "This account signs in with GitHub or Google and has no password to change",
    );
  }
  const start = await beginAttempt(db, { email: user.email, ip: who.ip });
  if (!start.ok) {
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `Too many wrong passwords. Try again in ${Math.ceil(start.retryAfterSeconds / 60)} minutes.`,
    );
  }
  const valid = await verifyPassword(input.currentPassword, user.passwordHash);
  await finishAttempt(db, start.attempt, valid);
  if (!valid) {
    throw badRequest("Your current password is not right", {
      currentPassword: ["This is not your current password"],
    });
  }
  await setPasswordHash(db, user.id, await hashPassword(input.newPassword));
  const endedSessions = await revokeAllSessions(db, user.id, { keep: who.sessionId });
  return { endedSessions };
}
