import { and, count, eq, gt, lt } from "drizzle-orm";
import type { Database } from "@/db";
import { authAttempts } from "@/db/schema";
import { getEnv } from "@/server/env";

/**
 * Sign-in throttling, counted in the database so it holds across processes. Failures count
 * against the account ("email:<address>") and the client ("ip:<address>"); the IP allows more
 * because an office shares one address.
 */
export type ThrottleKeys = { email: string; ip: string | null };

function keys({ email, ip }: ThrottleKeys): { key: string; limit: number }[] {
  const { AUTH_RATE_LIMIT } = getEnv();
  const list = [{ key: `email:${email}`, limit: AUTH_RATE_LIMIT }];
  if (ip) list.push({ key: `ip:${ip}`, limit: AUTH_RATE_LIMIT * 5 });
  return list;
}

/** Seconds until another attempt is allowed, or 0 when it is allowed now. */
export async function secondsUntilAllowed(db: Database, who: ThrottleKeys): Promise<number> {
  const windowMs = getEnv().AUTH_RATE_WINDOW_SECONDS * 1000;
  const since = new Date(Date.now() - windowMs);
  for (const { key, limit } of keys(who)) {
    const [row] = await db
      .select({ n: count() })
      .from(authAttempts)
      .where(
        and(eq(authAttempts.key, key), eq(authAttempts.succeeded, 0), gt(authAttempts.at, since)),
      );
    if ((row?.n ?? 0) >= limit) return Math.ceil(windowMs / 1000);
  }
  return 0;
}

export async function recordAttempt(
  db: Database,
  who: ThrottleKeys,
  succeeded: boolean,
): Promise<void> {
  const rows = keys(who).map(({ key }) => ({ key, succeeded: succeeded ? 1 : 0 }));
  await db.insert(authAttempts).values(rows);
  if (succeeded) {
    // A successful sign-in clears the account's failures (not the IP's).
    await db
      .delete(authAttempts)
      .where(and(eq(authAttempts.key, `email:${who.email}`), eq(authAttempts.succeeded, 0)));
  }
  // Keep the table small: anything older than a day is irrelevant to any window.
  if (Math.random() < 0.01) {
    await db.delete(authAttempts).where(lt(authAttempts.at, new Date(Date.now() - 86_400_000)));
  }
}

/**
 * Sign-ups per client IP: every attempt counts (taken emails included, since the answer tells
 * whether an account exists), at most AUTH_RATE_LIMIT per window. Returns the seconds to wait,
 * 0 when this attempt is allowed (and then recorded). Without an IP there is nothing to key on.
 */
export async function consumeSignUpAttempt(db: Database, ip: string | null): Promise<number> {
  if (!ip) return 0;
  const { AUTH_RATE_LIMIT, AUTH_RATE_WINDOW_SECONDS } = getEnv();
  const key = `signup:${ip}`;
  const since = new Date(Date.now() - AUTH_RATE_WINDOW_SECONDS * 1000);
  const [row] = await db
    .select({ n: count() })
    .from(authAttempts)
    .where(and(eq(authAttempts.key, key), gt(authAttempts.at, since)));
  if ((row?.n ?? 0) >= AUTH_RATE_LIMIT) return AUTH_RATE_WINDOW_SECONDS;
  await db.insert(authAttempts).values({ key, succeeded: 0 });
  return 0;
}
