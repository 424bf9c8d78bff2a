import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { handleTrpcRequest, TRPC_ENDPOINT } from "@/server/api/trpc-http";
import { readSessionUserCached } from "@/server/auth/session-token";
import { log } from "@/server/logger";
import { createAdmission } from "./admission";

/**
 * The tRPC API answered by the front server itself in production, not through Next.js.
 *
 * Why: measured on this project's 2-core machine, a tRPC call that does nothing (an
 * unauthenticated one, refused before any database work) tops out at ≈ 420 requests/s through
 * Next.js's router (its request wrapping, route matching, tracing and response piping cost
 * ≈ 2.4 ms of CPU per call), while the front server answers /api/health at ≈ 3,300/s. An API
 * whose budget is p95 ≤ 50 ms with 50 clients cannot spend that per call.
 *
 * What stays the same: the front door (client address, forwarding headers, security headers,
 * body ceiling) has run before this; the handler is the one the Next.js route uses
 * (server/api/trpc-http.ts: batch limit, per-procedure body limits, context, router); shared
 * state (database pool, caches, model cache, regex workers) lives on globalThis, so this copy
 * of the modules and Next.js's bundle use one of each.
 */
export function isTrpcPath(url: string | undefined): boolean {
  if (!url?.startsWith(TRPC_ENDPOINT)) return false;
  const next = url.charAt(TRPC_ENDPOINT.length);
  return next === "/" || next === "?" || next === "";
}

/** Responses at least this large are gzipped for clients that accept it (small ones: not worth the CPU). */
export const GZIP_MIN_BYTES = 16 * 1024;

const gzipAsync = promisify(gzip);
/**
 * Connection-level headers are Node's to set, not the handler's (Next.js drops them too). A
 * `connection: close` on a 413 would close the socket while the client is still sending the
 * body it was refused for, and the client would see a reset instead of the answer; Node reads
 * and discards the rest of the body and then answers on a connection that stays usable.
 */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
]);
const HOST = /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\](:\d+)?$/;

/**
 * How long a turn of API calls may last (admission.ts): a health probe or a database answer
 * waits about this long under load. 5 ms: 247 suggestions/s (3.8 ms server CPU each); 10 ms:
 * 497/s; 20 ms: 562–605/s, health p95 33 ms (bench/suggest-http.ts, 50 clients).
 */
export const TRPC_TURN_MS = 20;
const admit = createAdmission(TRPC_TURN_MS);

/** serveTrpc, started in batches (admission.ts). A caller that hung up while queued is not served. */
export function admitTrpc(req: IncomingMessage, res: ServerResponse): void {
  admit(() => {
    if (!req.socket.destroyed) void serveTrpc(req, res);
  });
}

export async function serveTrpc(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const response = await handleTrpcRequest(toFetchRequest(req, res), readSessionUserCached);
    await writeResponse(req, res, response);
  } catch (error) {
    log.error("tRPC request failed outside the handler", { error, url: req.url });
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ error: { message: "Something went wrong on our side." } }));
    } else res.destroy();
  }
}

function toFetchRequest(req: IncomingMessage, res: ServerResponse): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  // Only the socket or a trusted proxy decide the scheme (the front door dropped the header otherwise).
  const encrypted = Boolean((req.socket as { encrypted?: boolean }).encrypted);
  const proto =
    encrypted || headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https"
      ? "https"
      : "http";
  const host = req.headers.host && HOST.test(req.headers.host) ? req.headers.host : "localhost";
  // The call's procedures can stop early when the client goes away (as under Next.js).
  const aborter = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) aborter.abort();
  });
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(`${proto}://${host}${req.url ?? TRPC_ENDPOINT}`, {
    method,
    headers,
    signal: aborter.signal,
    ...(hasBody
      ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" as const }
      : {}),
  });
}

export async function writeResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: Response,
): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie" && !HOP_BY_HOP.has(name)) res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  // API answers are per caller; nothing on the way may keep them.
  if (!res.hasHeader("cache-control")) res.setHeader("cache-control", "no-store");
  if (!response.body) {
    res.end();
    return;
  }
  const type = response.headers.get("content-type") ?? "";
  if (!type.startsWith("application/json")) {
    // Streamed answers (tRPC's JSON Lines batches, event streams) go out as they come.
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      res.write(chunk.value);
    }
    res.end();
    return;
  }
  // JSON answers are whole: written with their headers in one go, one write on the socket.
  let body = Buffer.from(await response.arrayBuffer());
  if (body.length >= GZIP_MIN_BYTES && acceptsGzip(req)) {
    body = await gzipAsync(body);
    res.setHeader("content-encoding", "gzip");
    res.setHeader("vary", "accept-encoding");
  }
  res.setHeader("content-length", body.length);
  res.end(body);
}

function acceptsGzip(req: IncomingMessage): boolean {
  const accept = req.headers["accept-encoding"];
  return typeof accept === "string" && /\bgzip\b/.test(accept);
}

/**
 * For shutdown (server.mjs, SIGTERM): writes the suggestion events still batching in this copy
 * of the modules (event-buffer.ts), which serves the API; without it the last ≤ 15 ms of answers
 * were never recorded, and feedback on them failed.
 */
export { flushSuggestionEvents } from "@/server/suggestions/event-buffer";
