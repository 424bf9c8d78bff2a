import type { Database } from "@/db";
import { AppError, type AppErrorCode } from "@/server/errors";
import { log } from "@/server/logger";
import { resolveCaller, type SessionUser } from "./caller";
import { consumeApiQuota, quotaHeaders } from "./rate-limit";
import { type AccessIntent, type ResolvedAccess, resolveWorkspaceAccess } from "./workspace-access";

/**
 * The access check for route handlers (SSE, uploads, streamed AI): the same caller resolution,
 * workspace rule and API-key rate limit as tRPC. The workspace comes from the
 * `x-parley-workspace` header or, for EventSource (which cannot set headers), `?workspace=`.
 */
export async function admitRequest(options: {
  db: Database;
  request: Request;
  getSessionUser: () => Promise<SessionUser | null>;
  intent: AccessIntent;
  ip: string | null;
  cost?: number;
}): Promise<{ access: ResolvedAccess; headers: Record<string, string> }> {
  const { db, request } = options;
  const caller = await resolveCaller({
    db,
    headers: request.headers,
    getSessionUser: options.getSessionUser,
  });
  const url = new URL(request.url);
  const workspaceSlug =
    request.headers.get("x-parley-workspace")?.trim() ||
    url.searchParams.get("workspace")?.trim() ||
    null;
  const access = await resolveWorkspaceAccess(db, caller, {
    workspaceSlug,
    intent: options.intent,
    ip: options.ip,
  });
  let headers: Record<string, string> = {};
  if (caller.actor?.type === "api_key") {
    const quota = await consumeApiQuota(db, {
      workspaceId: access.workspace.id,
      keyId: caller.actor.keyId,
      cost: options.cost,
    });
    headers = quotaHeaders(quota);
    if (!quota.allowed) throw new RateLimitedError(headers, quota.retryAfterSeconds);
  }
  return { access, headers };
}

export class RateLimitedError extends AppError {
  constructor(
    readonly headers: Record<string, string>,
    retryAfterSeconds: number,
  ) {
    super(
      "TOO_MANY_REQUESTS",
      `Rate limit reached for this API key; retry in ${retryAfterSeconds} s`,
    );
  }
}

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  TOO_MANY_REQUESTS: 429,
  BAD_GATEWAY: 502,
  GATEWAY_TIMEOUT: 504,
};

/** A JSON error response for a route handler: AppErrors as they are, anything else as 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers = error instanceof RateLimitedError ? error.headers : undefined;
    return Response.json(
      { error: { code: error.code, message: error.message } },
      { status: STATUS[error.code], headers },
    );
  }
  log.error("route handler failed", { error });
  return Response.json(
    { error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side." } },
    { status: 500 },
  );
}
