import type { Database } from "@/db";
import { resolveCaller, type SessionUser } from "@/server/access/caller";
import { type AiRegistry, defaultAiRegistry } from "@/server/ai/registry";
import type { Actor } from "@/server/audit/actor";
import { getEnv } from "@/server/env";
import { readClientIp } from "@/server/http/client-address";
import {
  createRegexBudget,
  REQUEST_REGEX_BUDGET_MS,
  type RegexBudget,
} from "@/server/templates/regex/regex-budget";

export type { SessionUser };

export type Context = {
  db: Database;
  actor: Actor | null;
  /** The workspace slug the browser is on (`x-parley-workspace`); keys carry their own. */
  workspaceSlug: string | null;
  ip: string | null;
  /** The signed-in browser's session record, so it can be told apart from the user's others. */
  sessionId: string | null;
  /** Set when a Bearer header was sent but did not match a live key. */
  rejectedApiKey: boolean;
  /** Where links in emails point, e.g. invitations: APP_URL, else the request's own origin. */
  origin: string | null;
  /** Response headers of an HTTP call (rate-limit headers); null for server-side callers. */
  resHeaders: Headers | null;
  /** Time for user patterns, shared by every call of this HTTP request (a batch included). */
  regexBudget: RegexBudget;
  /** AI models by use case (server/ai/registry.ts): the server's providers, or tests' mocks. */
  ai: AiRegistry;
};

/** Builds the context from a request; who the caller is is decided by server/access. */
export async function createContext(options: {
  db: Database;
  headers: Headers;
  getSessionUser: () => Promise<SessionUser | null>;
  resHeaders?: Headers;
  ai?: AiRegistry;
}): Promise<Context> {
  const { db, headers } = options;
  const regexBudget = createRegexBudget({ ms: REQUEST_REGEX_BUDGET_MS });
  const ip = clientIp(headers);
  const origin = requestOrigin(headers);
  const workspaceSlug = headers.get("x-parley-workspace")?.trim() || null;
  const { actor, rejectedApiKey, sessionId } = await resolveCaller(options);
  const resHeaders = options.resHeaders ?? null;
  return {
    db,
    actor,
    workspaceSlug,
    ip,
    origin,
    sessionId,
    rejectedApiKey,
    resHeaders,
    regexBudget,
    ai: options.ai ?? defaultAiRegistry(),
  };
}

/**
 * The client's address as the front server resolved it from the socket (and from forwarding
 * headers only when TRUST_PROXY says so). Never X-Forwarded-For directly: the client writes it.
 */
export function clientIp(headers: Headers): string | null {
  return readClientIp(headers);
}

const HOST_PATTERN = /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\](:\d+)?$/;

/**
 * Where links in e-mails point. APP_URL wins. Without it, the Host header; X-Forwarded-Host
 * and X-Forwarded-Proto only when TRUST_PROXY is set (the front server also drops them when
 * they do not come from a trusted proxy), since a client can send either.
 */
export function requestOrigin(headers: Headers): string | null {
  const env = getEnv();
  if (env.APP_URL) return new URL(env.APP_URL).origin;
  const trusted = Boolean(env.TRUST_PROXY);
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim() || null;
  const host = (trusted ? first("x-forwarded-host") : null) ?? headers.get("host");
  if (!host || !HOST_PATTERN.test(host)) return null;
  const forwardedProto = trusted ? first("x-forwarded-proto") : null;
  const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : "http";
  return `${proto}://${host}`;
}
