import type { Database } from "@/db";
import { burnPasswordCheck, verifyPassword } from "./password";
import { findUserWithPasswordByEmail } from "./password-store";
import { beginAttempt, finishAttempt } from "./rate-limit";

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid" | "rate_limited"; retryAfterSeconds?: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an email and password. The answer is the same for an unknown email and a wrong
 * password (and takes as long), so nobody can probe which emails have accounts. Throttled per
 * account and source (server/auth/rate-limit.ts).
 */
export async function checkCredentials(
  db: Database,
  input: { email: string; password: string; ip: string | null },
): Promise<CredentialsResult> {
  const email = normaliseEmail(input.email);
  const start = await beginAttempt(db, { email, ip: input.ip });
  if (!start.ok) {
    return { ok: false, reason: "rate_limited", retryAfterSeconds: start.retryAfterSeconds };
  }
  const user = await findUserWithPasswordByEmail(db, email);
  let valid = false;
  if (user?.passwordHash) valid = await verifyPassword(input.password, user.passwordHash);
  else await burnPasswordCheck(input.password);
  await finishAttempt(db, start.attempt, valid);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
