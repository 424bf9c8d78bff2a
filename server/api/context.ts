import type { Database } from "@/db";
import { resolveCaller, type SessionUser } from "@/server/access/caller";
import type { Actor } from "@/server/audit/actor";
import { getEnv } from "@/server/env";

export type { SessionUser };

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
  /** Response headers of an HTTP call (rate-limit headers); null for server-side callers. */
  resHeaders: Headers | null;
};

/** Builds the context from a request; who the caller is is decided by server/access. */
export async function createContext(options: {
  db: Database;
  headers: Headers;
  getSessionUser: () => Promise<SessionUser | null>;
  resHeaders?: Headers;
}): Promise<Context> {
  const { db, headers } = options;
  const ip = clientIp(headers);
  const origin = requestOrigin(headers);
  const workspaceSlug = headers.get("x-parley-workspace")?.trim() || null;
  const { actor, rejectedApiKey } = await resolveCaller(options);
  const resHeaders = options.resHeaders ?? null;
  return { db, actor, workspaceSlug, ip, origin, rejectedApiKey, resHeaders };
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
