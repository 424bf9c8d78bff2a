import type { Database } from "@/db";
import type { Actor } from "@/server/audit/actor";
import { resolveApiKey } from "@/server/auth/resolve-api-key";

export type SessionUser = { id: string; email: string; name: string | null };

export type Context = {
  db: Database;
  actor: Actor | null;
  /** The workspace slug the browser is on (`x-parley-workspace`); keys carry their own. */
  workspaceSlug: string | null;
  ip: string | null;
  /** Set when a Bearer header was sent but did not match a live key. */
  rejectedApiKey: boolean;
};

/**
 * Builds the context from a request: `Authorization: Bearer <key>` wins over the session
 * cookie, so a developer's script never acts as whoever is signed in in the same browser.
 */
export async function createContext(options: {
  db: Database;
  headers: Headers;
  getSessionUser: () => Promise<SessionUser | null>;
}): Promise<Context> {
  const { db, headers } = options;
  const ip = clientIp(headers);
  const workspaceSlug = headers.get("x-parley-workspace")?.trim() || null;
  const authorization = headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    const actor = await resolveApiKey(db, authorization.slice(7).trim());
    return { db, actor, workspaceSlug, ip, rejectedApiKey: actor === null };
  }
  const user = await options.getSessionUser();
  const actor: Actor | null = user
    ? { type: "user", userId: user.id, email: user.email, name: user.name }
    : null;
  return { db, actor, workspaceSlug, ip, rejectedApiKey: false };
}

export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}
