import type { Database } from "@/db";
import { burnPasswordCheck, verifyPassword } from "./password";
import { findPasswordLogin } from "./password-hashes";
import { recordAttempt, secondsUntilAllowed } from "./rate-limit";

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid" | "rate_limited"; retryAfterSeconds?: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an email and password. The answer is the same for an unknown email and a wrong
 * password (and takes as long), so nobody can probe which emails have accounts.
 */
export async function checkCredentials(
  db: Database,
  input: { email: string; password: string; ip: string | null },
): Promise<CredentialsResult> {
  const email = normaliseEmail(input.email);
  const who = { email, ip: input.ip };
  const wait = await secondsUntilAllowed(db, who);
  if (wait > 0) return { ok: false, reason: "rate_limited", retryAfterSeconds: wait };

  const user = await findPasswordLogin(db, email);
  let valid = false;
  if (user?.passwordHash) valid = await verifyPassword(input.password, user.passwordHash);
  else await burnPasswordCheck(input.password);
  await recordAttempt(db, who, valid);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
