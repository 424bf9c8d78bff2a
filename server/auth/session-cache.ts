import type { SessionUser } from "@/server/access/caller";
import { SharedLoads } from "@/server/shared-loads";

/**
 * Decoding the Auth.js session cookie is the costliest part of an API call: two HKDF key
 * derivations, AES-CBC + HMAC to decrypt the JWE and the same again to re-issue it (profiled:
 * ~18% of the server's CPU under load for suggestions.forMessage). A browser sends the same
 * cookie with every call, so the decoded user is kept for `ttlMs` per cookie value.
 *
 * What stays exactly as before: every call, cached or not, still asks `isLive` (the
 * server-side session record, server/auth/sessions.ts), so a revocation in this process ends
 * the cookie at once and one in another process within that record's own 5 s cache. What
 * changes: on a cached call Auth.js does not re-issue the cookie (its expiry rolls forward
 * on the next uncached call, at most `ttlMs` later), and a changed name or email shows after
 * at most `ttlMs`.
 */
export type SessionUserCache = {
  resolve: (
    cookieHeader: string | null,
    decode: () => Promise<SessionUser | null>,
  ) => Promise<SessionUser | null>;
  clear: () => void;
  size: () => number;
};

type Entry = { user: SessionUser; until: number };

const SESSION_COOKIE = /^(?:__Secure-)?authjs\.session-token(?:\.\d+)?$/;

/** The session cookie(s) as one key (Auth.js splits large tokens into `.0`, `.1`, … chunks). */
export function sessionCookieKey(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const parts: string[] = [];
  for (const pair of cookieHeader.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 1) continue;
    const name = pair.slice(0, eq).trim();
    if (SESSION_COOKIE.test(name)) parts.push(`${name}=${pair.slice(eq + 1).trim()}`);
  }
  return parts.length > 0 ? parts.sort().join(";") : null;
}

export function createSessionUserCache(options: {
  ttlMs: number;
  maxEntries: number;
  isLive: (userId: string, sessionId: string) => Promise<boolean>;
  now?: () => number;
}): SessionUserCache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  // Fifty requests with the same cookie arriving together decode it once.
  const decodes = new SharedLoads<string, SessionUser | null>();

  const store = (key: string, user: SessionUser) => {
    if (entries.size >= options.maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    entries.set(key, { user, until: now() + options.ttlMs });
  };

  return {
    async resolve(cookieHeader, decode) {
      const key = sessionCookieKey(cookieHeader);
      // No session cookie: nothing worth caching; Auth.js answers as it always did.
      if (!key) return decode();
      const hit = entries.get(key);
      if (hit && hit.until > now()) {
        const { id, sessionId } = hit.user;
        if (sessionId && (await options.isLive(id, sessionId))) return hit.user;
        entries.delete(key);
        return null;
      }
      if (hit) entries.delete(key);
      return decodes.load(key, decode, (user) => {
        // Only users tied to a session record are cached: that record is what revocation ends.
        if (user?.sessionId) store(key, user);
      });
    },
    clear: () => {
      entries.clear();
      decodes.forget();
    },
    size: () => entries.size,
  };
}
