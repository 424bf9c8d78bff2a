import { and, count, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { authAttempts } from "@/db/schema";
import { getEnv } from "@/server/env";

/**
 * Sign-in throttling, counted in the database (`auth_attempts`) so it holds across web
 * processes. Three counters of failed attempts, each over the last hour:
 *
 * - per account and source IP ("pair:<email>|<ip>"): the first AUTH_FREE_ATTEMPTS failures are
 *   free, then each further one doubles the wait after the last failure (1 s, 2 s, 4 s … capped
 *   at 15 min). Someone guessing from one address slows down only themselves: the owner signing
 *   in from another address is not affected.
 * - per account from all sources ("email:<email>"): AUTH_ACCOUNT_LIMIT (default 300) an hour. A
 *   ceiling against guessing from many addresses, set high enough that locking a person out
 *   takes a botnet, not a script: one address gets about 15 attempts an hour at one account.
 * - per source IP across accounts ("ip:<ip>"): AUTH_IP_LIMIT (default 100) an hour, against
 *   trying one password on many accounts.
 *
 * Unknown emails are throttled exactly like real ones, so the limits reveal nothing.
 */
export type ThrottleKeys = { email: string; ip: string | null };

const WINDOW_SECONDS = 60 * 60;
export const MAX_DELAY_SECONDS = 15 * 60;

type Keys = { pair: string; account: string; ip: string | null };

function keysFor({ email, ip }: ThrottleKeys): Keys {
  return {
    pair: `pair:${email}|${ip ?? "unknown"}`,
    account: `email:${email}`,
    ip: ip && `ip:${ip}`,
  };
}

/** Seconds to wait after the last failure, given the failures so far from this source. */
export function backoffSeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (failures - free));
}

/** A sign-in attempt that has been let through and counted (as a failure until it succeeds). */
export type Attempt = { keys: Keys; ids: number[] };

export type AttemptStart =
  | { ok: true; attempt: Attempt }
  | { ok: false; retryAfterSeconds: number };

/**
 * Checks the three limits and, when the attempt may go ahead, records it as a failure before
 * the password is checked: concurrent attempts then see each other. Check and insert run under
 * a transaction-scoped advisory lock on the source (the IP, else the pair), so a burst of
 * parallel requests from one address cannot all slip through between count and insert.
 * Refused attempts are not recorded, so hammering a locked source does not raise the account's
 * count.
 */
export async function beginAttempt(db: Database, who: ThrottleKeys): Promise<AttemptStart> {
  const env = getEnv();
  const keys = keysFor(who);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${keys.ip ?? keys.pair}))`);
    const ipKey = keys.ip ?? "";
    const n = (key: string) =>
      sql<number>`count(*) filter (where ${authAttempts.key} = ${key})`.mapWith(Number);
    // Seconds since the newest (or oldest) counted failure under `key`, computed by the database
    // so that web processes with skewed clocks agree.
    const age = (fn: "max" | "min", key: string) =>
      sql<
        number | null
      >`extract(epoch from now() - ${sql.raw(fn)}(${authAttempts.at}) filter (where ${authAttempts.key} = ${key}))::float8`.mapWith(
        (v) => (v === null ? null : Number(v)),
      );
    const [counts] = await tx
      .select({
        pair_n: n(keys.pair),
        pair_since_last: age("max", keys.pair),
        account_n: n(keys.account),
        account_oldest_age: age("min", keys.account),
        ip_n: n(ipKey),
        ip_oldest_age: age("min", ipKey),
      })
      .from(authAttempts)
      .where(
        and(
          inArray(authAttempts.key, [keys.pair, keys.account, ipKey]),
          eq(authAttempts.succeeded, 0),
          sql`${authAttempts.at} > now() - make_interval(secs => ${WINDOW_SECONDS})`,
        ),
      );
    if (counts) {
      const untilWindowEnds = (age: number | null) =>
        Math.max(1, Math.ceil(WINDOW_SECONDS - Number(age ?? 0)));
      if (counts.account_n >= env.AUTH_ACCOUNT_LIMIT) {
        return { ok: false, retryAfterSeconds: untilWindowEnds(counts.account_oldest_age) };
      }
      if (keys.ip && counts.ip_n >= env.AUTH_IP_LIMIT) {
        return { ok: false, retryAfterSeconds: untilWindowEnds(counts.ip_oldest_age) };
      }
      const delay = backoffSeconds(counts.pair_n, env.AUTH_FREE_ATTEMPTS);
      const waited = Number(counts.pair_since_last ?? Number.POSITIVE_INFINITY);
      if (delay > 0 && waited < delay) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(delay - waited)) };
      }
    }
    const all = [keys.pair, keys.account, ...(keys.ip ? [keys.ip] : [])];
    const inserted = await tx
      .insert(authAttempts)
      .values(all.map((key) => ({ key, succeeded: 0 })))
      .returning({ id: authAttempts.id });
    return { ok: true, attempt: { keys, ids: inserted.map((r) => r.id) } };
  });
}

/**
 * Settles an attempt. A success removes its own rows and clears the failures of this account
 * and source and of the account as a whole (the owner got in: earlier typos and strangers'
 * guesses stop counting against them); the IP's count across accounts stays.
 */
export async function finishAttempt(
  db: Database,
  attempt: Attempt,
  succeeded: boolean,
): Promise<void> {
  if (succeeded) {
    await db.delete(authAttempts).where(inArray(authAttempts.id, attempt.ids));
    await db
      .delete(authAttempts)
      .where(
        and(
          inArray(authAttempts.key, [attempt.keys.pair, attempt.keys.account]),
          eq(authAttempts.succeeded, 0),
        ),
      );
  }
  // Keep the table small: anything older than a day is irrelevant to any window.
  if (Math.random() < 0.01) {
    await db.delete(authAttempts).where(lt(authAttempts.at, new Date(Date.now() - 86_400_000)));
  }
}

/**
 * Sign-ups per client IP: every attempt counts, at most AUTH_RATE_LIMIT per window. Returns the
 * seconds to wait, 0 when this attempt is allowed (and then recorded). Without an IP there is
 * nothing to key on.
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

/**
 * True at most once per `seconds` for `key` (recorded when true): for side effects that must
 * not repeat on demand, such as mail to an address someone else typed in.
 */
export async function consumeOncePer(db: Database, key: string, seconds: number): Promise<boolean> {
  const since = new Date(Date.now() - seconds * 1000);
  // Locked per key, so two processes asked at the same moment cannot both say yes.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    const [row] = await tx
      .select({ n: count() })
      .from(authAttempts)
      .where(and(eq(authAttempts.key, key), gt(authAttempts.at, since)));
    if ((row?.n ?? 0) > 0) return false;
    await tx.insert(authAttempts).values({ key, succeeded: 0 });
    return true;
  });
}
