import type { Database } from "@/db";
import type { Actor } from "@/server/audit/actor";
import { resolveApiKey } from "@/server/auth/resolve-api-key";
import { getEnv } from "@/server/env";
import {
  createRegexBudget,
  REQUEST_REGEX_BUDGET_MS,
  type RegexBudget,
} from "@/server/templates/regex/regex-budget";

export type SessionUser = { id: string; email: string; name: string | null };

export type Context = {
  db: Database;
  actor: Actor | null;
  /** The workspace slug the browser is on (`x-parley-workspace`); keys carry their own. */
  workspaceSlug: string | null;
  ip: string | null;
  /** Set when a Bearer header was sent but did not match a live key. */
  rejectedApiKey: boolean;
  /** Where links in emails point, e.g. invitations: APP_URL, else the request's own origin. */
  origin: string | null;
  /** Time for user patterns, shared by every call of this HTTP request (a batch included). */
  regexBudget: RegexBudget;
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
  const regexBudget = createRegexBudget({ ms: REQUEST_REGEX_BUDGET_MS });
  const ip = clientIp(headers);
  const origin = requestOrigin(headers);
  const workspaceSlug = headers.get("x-parley-workspace")?.trim() || null;
  const authorization = headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    const actor = await resolveApiKey(db, authorization.slice(7).trim());
    return {
      db,
      actor,
      workspaceSlug,
      ip,
      origin,
      rejectedApiKey: actor === null,
      regexBudget,
    };
  }
  const user = await options.getSessionUser();
  const actor: Actor | null = user
    ? { type: "user", userId: user.id, email: user.email, name: user.name }
    : null;
  return { db, actor, workspaceSlug, ip, origin, rejectedApiKey: false, regexBudget };
}

export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}

/**
 * APP_URL wins: a Host header is chosen by the client, so deployments behind anything but a
 * trusted proxy should set it. Without it, the proxy's forwarded headers, then Host.
 */
export function requestOrigin(headers: Headers): string | null {
  const configured = getEnv().APP_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (!host || !/^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\](:\d+)?$/.test(host)) return null;
  const forwardedProto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : "http";
  return `${proto}://${host}`;
}
