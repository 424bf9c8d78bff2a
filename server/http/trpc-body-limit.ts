import { getTRPCErrorShape, TRPCError } from "@trpc/server";
import { appRouter } from "@/server/api/root";
import {
  formatBytes,
  PROCEDURE_BODY_LIMITS,
  readBodyWithin,
  TOO_LARGE_HEADERS,
  TRPC_BODY_LIMIT,
  withBody,
} from "./body-limit";

export { PROCEDURE_BODY_LIMITS, TRPC_BODY_LIMIT };

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

/** Procedure paths named in a tRPC URL: `/api/trpc/a.b,c.d?batch=1` → ["a.b", "c.d"]. */
export function procedurePaths(url: URL, endpoint = "/api/trpc"): string[] {
  const rest = url.pathname.slice(endpoint.length).replace(/^\/+/, "");
  return decodeURIComponent(rest)
    .split(",")
    .filter((p) => p !== "");
}

/**
 * The limit for this request: the default, or a listed procedure's larger one when every
 * procedure in the request is listed and the request carries credentials (an API key or a
 * session cookie; they are checked by the procedure itself), so a stranger never gets more
 * than 1 MB read.
 */
export function trpcBodyLimit(request: Request, url = new URL(request.url)): number {
  return trpcBodyLimitFor(procedurePaths(url), request.headers);
}

/** trpcBodyLimit from the procedure paths the URL names and the request's headers. */
export function trpcBodyLimitFor(paths: readonly string[], headers: Headers): number {
  const limits = paths.map((p) => PROCEDURE_BODY_LIMITS[p]);
  if (paths.length === 0 || limits.some((l) => l === undefined)) return TRPC_BODY_LIMIT;
  const credentials =
    headers.get("authorization")?.toLowerCase().startsWith("bearer ") ||
    SESSION_COOKIE.test(headers.get("cookie") ?? "");
  if (!credentials) return TRPC_BODY_LIMIT;
  return Math.max(...(limits as number[]));
}

/**
 * The request with its body read within the limit, or a 413 in tRPC's own error shape (one
 * entry per call for a batch), so the typed client shows a normal error.
 */
export async function limitTrpcBody(request: Request): Promise<Request | Response> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  const url = new URL(request.url);
  const limit = trpcBodyLimit(request, url);
  const result = await readBodyWithin(request, limit);
  if (result.ok) return withBody(request, result.body);
  const paths = procedurePaths(url);
  const message = `The request body is larger than ${formatBytes(limit)}, the limit for ${
    paths.length === 1 ? paths[0] : "this request"
  }.`;
  const error = new TRPCError({ code: "PAYLOAD_TOO_LARGE", message });
  const config = appRouter._def._config;
  const entry = (path: string | undefined) => ({
    error: config.transformer.output.serialize(
      getTRPCErrorShape({ config, error, type: "unknown", path, input: undefined, ctx: undefined }),
    ),
  });
  const batch = url.searchParams.get("batch") === "1";
  const body = batch ? (paths.length ? paths : [undefined]).map(entry) : entry(paths[0]);
  return new Response(JSON.stringify(body), { status: 413, headers: TOO_LARGE_HEADERS });
}
