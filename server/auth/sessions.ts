import { and, count, desc, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db";
import { memberships, userSessions } from "@/db/schema";
import { withUser } from "@/db/tenant";
import { SharedLoads } from "@/server/shared-loads";

/**
 * Server-side session records behind the JWT cookie. The cookie carries the row's id (`sid`);
 * each request checks the row (one primary-key lookup as the user, under RLS), so a revoked
 * session stops working even where a copy of its cookie survives.
 *
 * A live answer is cached in this process for CACHE_TTL_MS (5 s), so a page that makes several
 * calls reads the row once. Revoking in this process drops the cache at once; another web
 * process may accept the revoked cookie for at most those 5 seconds.
 */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const CACHE_TTL_MS = 5_000;
const CACHE_MAX_ENTRIES = 10_000;
/** last_seen_at is written at most once a minute per session, not on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;
const USER_AGENT_MAX = 400;

type LiveCache = Map<string, { userId: string; until: number }>;
// On globalThis: Next.js may load this module once for route handlers and again for pages in
// the same process, and a sign-out handled by one must drop the entry the other reads.
const globalForSessions = globalThis as typeof globalThis & { parleyLiveSessions?: LiveCache };
globalForSessions.parleyLiveSessions ??= new Map();
const live: LiveCache = globalForSessions.parleyLiveSessions;
/**
 * Checks under way, by session and user: when the cached answer expires under load, the calls
 * arriving together share one read (each doing its own queued fifty transactions on the pool,
 * and the API stalled for 0.5–0.9 s every 5 s in bench/suggest-http.ts). A revocation drops
 * them, so no call after it joins a check that began before it.
 */
const globalForChecks = globalThis as typeof globalThis & {
  parleySessionChecks?: SharedLoads<string, boolean>;
};
globalForChecks.parleySessionChecks ??= new SharedLoads();
const checking = globalForChecks.parleySessionChecks;

function remember(sessionId: string, userId: string): void {
  if (live.size >= CACHE_MAX_ENTRIES) {
    // Maps iterate in insertion order: drop the oldest entry.
    const oldest = live.keys().next().value;
    if (oldest !== undefined) live.delete(oldest);
  }
  live.set(sessionId, { userId, until: Date.now() + CACHE_TTL_MS });
}

function forgetUser(userId: string): void {
  for (const [id, entry] of live) if (entry.userId === userId) live.delete(id);
  checking.forgetWhere((key) => key.endsWith(`\n${userId}`));
}

function forgetSession(sessionId: string): void {
  live.delete(sessionId);
  checking.forgetWhere((key) => key.startsWith(`${sessionId}\n`));
}

export type SessionOrigin = { ip: string | null; userAgent: string | null };

/** Records a new signed-in session and returns its id (the JWT's `sid`). */
export async function startSession(
  db: Database,
  userId: string,
  origin: SessionOrigin,
): Promise<string> {
  const id = crypto.randomUUID();
  const expiredBefore = new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000);
  await withUser(db, userId, async (tx) => {
    // Sessions unused for longer than a cookie lives can never come back: tidy them here.
    await tx
      .delete(userSessions)
      .where(and(eq(userSessions.userId, userId), lt(userSessions.lastSeenAt, expiredBefore)));
    await tx.insert(userSessions).values({
      id,
      userId,
      ip: origin.ip,
      userAgent: origin.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
    });
  });
  remember(id, userId);
  return id;
}

/**
 * Whether the session named by a cookie may still be used: it exists, belongs to `userId`, is
 * not revoked and was used within the cookie's lifetime.
 */
export async function isSessionLive(
  db: Database,
  userId: string,
  sessionId: string,
): Promise<boolean> {
  const cached = live.get(sessionId);
  if (cached && cached.userId === userId && cached.until > Date.now()) return true;
  if (!UUID.test(sessionId)) return false;
  // Remembered only if no revocation detached this check meanwhile.
  return checking.load(
    `${sessionId}\n${userId}`,
    () => readSessionLive(db, userId, sessionId),
    (ok) => {
      if (ok) remember(sessionId, userId);
      else live.delete(sessionId);
    },
  );
}

async function readSessionLive(db: Database, userId: string, sessionId: string): Promise<boolean> {
  const now = Date.now();
  return withUser(db, userId, async (tx) => {
    const [row] = await tx
      .select({ lastSeenAt: userSessions.lastSeenAt, revokedAt: userSessions.revokedAt })
      .from(userSessions)
      .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId)))
      .limit(1);
    if (!row || row.revokedAt) return false;
    const idle = now - row.lastSeenAt.getTime();
    if (idle > SESSION_MAX_AGE_SECONDS * 1000) return false;
    if (idle > LAST_SEEN_RESOLUTION_MS) {
      await tx
        .update(userSessions)
        .set({ lastSeenAt: new Date(now) })
        .where(eq(userSessions.id, sessionId));
    }
    return true;
  });
}

export type SessionView = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
};

/** The user's sessions that still work, most recently used first. */
export async function listSessions(
  db: Database,
  userId: string,
  currentSessionId: string | null,
): Promise<SessionView[]> {
  const since = new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000);
  const rows = await withUser(db, userId, (tx) =>
    tx
      .select({
        id: userSessions.id,
        createdAt: userSessions.createdAt,
        lastSeenAt: userSessions.lastSeenAt,
        ip: userSessions.ip,
        userAgent: userSessions.userAgent,
      })
      .from(userSessions)
      .where(
        and(
          eq(userSessions.userId, userId),
          isNull(userSessions.revokedAt),
          gt(userSessions.lastSeenAt, since),
        ),
      )
      .orderBy(desc(userSessions.lastSeenAt)),
  );
  return rows.map((row) => ({ ...row, current: row.id === currentSessionId }));
}

/** Ends one of the user's sessions. False when it is not theirs, unknown or already ended. */
export async function revokeSession(
  db: Database,
  userId: string,
  sessionId: string,
): Promise<boolean> {
  if (!UUID.test(sessionId)) return false;
  forgetSession(sessionId);
  const ended = await withUser(db, userId, (tx) =>
    tx
      .update(userSessions)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(userSessions.id, sessionId),
          eq(userSessions.userId, userId),
          isNull(userSessions.revokedAt),
        ),
      )
      .returning({ id: userSessions.id }),
  );
  // Again once committed: a check that read the row before the revocation must not be kept.
  forgetSession(sessionId);
  return ended.length > 0;
}

/** Ends all of the user's sessions, except `keep` (the one making the request) when given. */
export async function revokeAllSessions(
  db: Database,
  userId: string,
  options: { keep?: string | null } = {},
): Promise<number> {
  forgetUser(userId);
  const ended = await withUser(db, userId, (tx) => revokeAllIn(tx, userId, options.keep ?? null));
  forgetUser(userId); // checks that read the rows before the commit are not kept
  if (options.keep) remember(options.keep, userId);
  return ended;
}

async function revokeAllIn(tx: Tx, userId: string, keep: string | null): Promise<number> {
  const ended = await tx
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.revokedAt),
        keep && UUID.test(keep) ? ne(userSessions.id, keep) : undefined,
      ),
    )
    .returning({ id: userSessions.id });
  return ended.length;
}

/**
 * Called inside a tenant transaction right after a membership is deleted: when `userId` now
 * belongs to no workspace at all, their sessions end. Their memberships in other workspaces and
 * their sessions are only visible as that user, so the transaction takes on `app.user_id` for
 * these two statements and drops it again; the caller has already been authorised to remove
 * them, and nothing else runs in between.
 */
export async function endSessionsIfNoWorkspaces(tx: Tx, userId: string): Promise<number> {
  await tx.execute(sql`select set_config('app.user_id', ${userId}, true)`);
  try {
    const [row] = await tx
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.userId, userId));
    if ((row?.n ?? 0) > 0) return 0;
    forgetUser(userId);
    return await revokeAllIn(tx, userId, null);
  } finally {
    await tx.execute(sql`select set_config('app.user_id', '', true)`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
