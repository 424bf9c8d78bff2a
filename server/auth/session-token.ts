import { getToken } from "@auth/core/jwt";
import type { Database } from "@/db";
import type { SessionUser } from "@/server/access/caller";
import { getAuthSecret, getEnv } from "@/server/env";
import { createSessionUserCache, type SessionUserCache } from "./session-cache";
import { isSessionLive } from "./sessions";

/**
 * The signed-in user of an API call, read from the Auth.js session cookie with Auth.js's own
 * decoder (`getToken`: the cookie's chunks joined, the JWE decrypted with AUTH_SECRET, its
 * expiry checked) and then the same check as the `jwt` callback in auth.ts: the cookie must
 * name a live server-side session record. Exactly what `auth()` answers for a tRPC call, but
 * without Next.js's request scope (`headers()`), so the front server can call it too.
 *
 * Only the cookie is read: getToken would also accept the token as `Authorization: Bearer`,
 * which Auth.js's own session endpoint does not (and that header carries API keys here).
 */
export async function readSessionUser(db: Database, headers: Headers): Promise<SessionUser | null> {
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  const token = await getToken({
    req: { headers: new Headers({ cookie }) },
    secret: getAuthSecret(),
    secureCookie: usesSecureCookie(headers),
  });
  if (!token?.sub || typeof token.sid !== "string" || typeof token.email !== "string") return null;
  if (!(await isSessionLive(db, token.sub, token.sid))) return null;
  return {
    id: token.sub,
    email: token.email,
    name: typeof token.name === "string" ? token.name : null,
    sessionId: token.sid,
  };
}

/**
 * Which cookie Auth.js set: `__Secure-authjs.session-token` when the public URL is https
 * (auth.ts sets useSecureCookies), otherwise when the request came over https, which only the
 * socket or a trusted proxy can say (the front door drops X-Forwarded-Proto from anyone else).
 */
export function usesSecureCookie(headers: Headers): boolean {
  if (servedOverHttps(getEnv())) return true;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** The public URL is https: Auth.js is told to use secure cookies (auth.ts). */
export function servedOverHttps(env: { APP_URL?: string; AUTH_URL?: string }): boolean {
  return [env.APP_URL, env.AUTH_URL].some((url) => url?.startsWith("https://"));
}

const SESSION_USER_TTL_MS = 5_000;
// On globalThis: one cache per process, shared by the front server's copy of this module and
// the one in Next.js's bundle.
const holder = globalThis as typeof globalThis & { parleySessionUsers?: SessionUserCache };

/**
 * readSessionUser with the decoded cookie reused for 5 s per cookie value; the session record
 * is still checked on every call (server/auth/session-cache.ts).
 */
export function readSessionUserCached(db: Database, headers: Headers): Promise<SessionUser | null> {
  holder.parleySessionUsers ??= createSessionUserCache({
    ttlMs: SESSION_USER_TTL_MS,
    maxEntries: 10_000,
    isLive: (userId, sessionId) => isSessionLive(db, userId, sessionId),
  });
  return holder.parleySessionUsers.resolve(headers.get("cookie"), () =>
    readSessionUser(db, headers),
  );
}
