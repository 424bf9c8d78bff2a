import type { Database } from "@/db";
import type { Actor } from "@/server/audit/actor";
import { resolveApiKey } from "@/server/auth/resolve-api-key";

export type SessionUser = {
  id: string;
  email: string;
  name: string | null;
  /** The server-side session record (server/auth/sessions.ts) behind the cookie, if any. */
  sessionId?: string | null;
};

/** Who sent a request, before any workspace is chosen. */
export type Caller = {
  actor: Actor | null;
  /** Set when a Bearer header was sent but did not match a live key. */
  rejectedApiKey: boolean;
  /** The signed-in browser's session record; null for keys. */
  sessionId: string | null;
};

/**
 * The one place a request's caller is decided, for tRPC and every route handler:
 * `Authorization: Bearer <key>` wins over the session cookie, so a developer's script never
 * acts as whoever is signed in in the same browser. `getSessionUser` is only called when no
 * key was sent.
 */
export async function resolveCaller(options: {
  db: Database;
  headers: Headers;
  getSessionUser: () => Promise<SessionUser | null>;
}): Promise<Caller> {
  const authorization = options.headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    const actor = await resolveApiKey(options.db, authorization.slice(7).trim());
    return { actor, rejectedApiKey: actor === null, sessionId: null };
  }
  const user = await options.getSessionUser();
  const actor: Actor | null = user
    ? { type: "user", userId: user.id, email: user.email, name: user.name }
    : null;
  return { actor, rejectedApiKey: false, sessionId: user?.sessionId ?? null };
}
