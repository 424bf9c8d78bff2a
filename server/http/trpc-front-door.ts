import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import {
  answerDirect,
  planDirectCall,
  readDirectInputs,
  type TrpcAnswer,
} from "@/server/api/trpc-direct";
import { createTrpcContext, handleTrpcRequest, TRPC_ENDPOINT } from "@/server/api/trpc-http";
import { readSessionUserCached } from "@/server/auth/session-token";
import { log } from "@/server/logger";
import { createAdmission } from "./admission";
import { trpcBodyLimitFor } from "./trpc-body-limit";

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
 * body ceiling) has run before this. JSON calls are answered by server/api/trpc-direct.ts
 * (the same router, context and answers, without Fetch API objects); everything else by the
 * handler the Next.js route uses (server/api/trpc-http.ts: batch limit, per-procedure body
 * limits, context, router), with the body when the direct path had read it already. Shared
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
    const headers = fetchHeaders(req);
    // The call's procedures can stop early when the client goes away (as under Next.js).
    const aborter = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) aborter.abort();
    });
    const direct = await answerDirectly(req, headers, aborter.signal);
    if (direct.kind === "hung-up") return;
    if (direct.kind === "answered") {
      await writeJson(req, res, direct.answer.status, direct.answer.headers, direct.answer.body);
      return;
    }
    const request = toFetchRequest(req, headers, aborter.signal, direct.body);
    const response = await handleTrpcRequest(request, readSessionUserCached);
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

type DirectOutcome =
  | { kind: "answered"; answer: TrpcAnswer }
  /** tRPC's fetch handler answers; with the body when it has been read already. */
  | { kind: "handler"; body?: Buffer<ArrayBuffer> }
  | { kind: "hung-up" };

/** The JSON calls server/api/trpc-direct.ts can answer, answered; the rest left to tRPC's handler. */
async function answerDirectly(
  req: IncomingMessage,
  headers: Headers,
  signal: AbortSignal,
): Promise<DirectOutcome> {
  const url = req.url ?? TRPC_ENDPOINT;
  const queryAt = url.indexOf("?");
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  const search = new URLSearchParams(queryAt === -1 ? "" : url.slice(queryAt + 1));
  // As tRPC's fetch adapter: one slash trimmed on each side, before and after the endpoint.
  const encodedPath = trimSlashes(trimSlashes(pathname).slice(TRPC_ENDPOINT.length - 1));
  const method = req.method ?? "GET";
  const plan = planDirectCall({ method, encodedPath, search, headers });
  if (!plan) return { kind: "handler" };
  let inputs: unknown[] | null;
  let body: Buffer<ArrayBuffer> | undefined;
  if (method === "GET") {
    inputs = readDirectInputs(plan, { query: search.get("input") });
  } else {
    // Only a declared length within the limit is read here; tRPC's handler refuses the others.
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    const limit = trpcBodyLimitFor(
      plan.calls.map((call) => call.path),
      headers,
    );
    if (!Number.isInteger(declared) || declared > limit) return { kind: "handler" };
    body = (await readWholeBody(req)) ?? undefined;
    if (!body) return { kind: "hung-up" };
    inputs = readDirectInputs(plan, { body: body.toString("utf8") });
  }
  if (!inputs) return { kind: "handler", body };
  const answer = await answerDirect(plan, inputs, {
    createContext: (resHeaders) => createTrpcContext(headers, readSessionUserCached, resHeaders),
    signal,
  });
  return { kind: "answered", answer };
}

function trimSlashes(path: string): string {
  const start = path.startsWith("/") ? 1 : 0;
  const end = path.endsWith("/") && path.length > start ? path.length - 1 : path.length;
  return path.slice(start, end);
}

/** The whole body, or null when the client went away before sending it. */
function readWholeBody(req: IncomingMessage): Promise<Buffer<ArrayBuffer> | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", () => resolve(null));
    req.once("close", () => {
      if (!req.complete) resolve(null);
    });
  });
}

function fetchHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return headers;
}

function toFetchRequest(
  req: IncomingMessage,
  headers: Headers,
  signal: AbortSignal,
  readBody: Buffer<ArrayBuffer> | undefined,
): Request {
  // Only the socket or a trusted proxy decide the scheme (the front door dropped the header otherwise).
  const encrypted = Boolean((req.socket as { encrypted?: boolean }).encrypted);
  const proto =
    encrypted || headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https"
      ? "https"
      : "http";
  const host = req.headers.host && HOST.test(req.headers.host) ? req.headers.host : "localhost";
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const body = readBody ?? (Readable.toWeb(req) as ReadableStream<Uint8Array>);
  return new Request(`${proto}://${host}${req.url ?? TRPC_ENDPOINT}`, {
    method,
    headers,
    signal,
    ...(hasBody ? { body, duplex: "half" as const } : {}),
  });
}

export async function writeResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: Response,
): Promise<void> {
  const type = response.headers.get("content-type") ?? "";
  if (response.body && type.startsWith("application/json")) {
    // JSON answers are whole: written with their headers in one go, one write on the socket.
    const body = Buffer.from(await response.arrayBuffer());
    await writeJson(req, res, response.status, response.headers, body);
    return;
  }
  writeHead(res, response.status, response.headers);
  if (!response.body) {
    res.end();
    return;
  }
  // Streamed answers (tRPC's JSON Lines batches, event streams) go out as they come.
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    res.write(chunk.value);
  }
  res.end();
}

function writeHead(res: ServerResponse, status: number, headers: Headers): void {
  res.statusCode = status;
  headers.forEach((value, name) => {
    if (name !== "set-cookie" && !HOP_BY_HOP.has(name)) res.setHeader(name, value);
  });
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  // API answers are per caller; nothing on the way may keep them.
  if (!res.hasHeader("cache-control")) res.setHeader("cache-control", "no-store");
}

/** A whole JSON answer: gzipped when large and accepted, with its length, in one write. */
async function writeJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Headers,
  json: string | Buffer,
): Promise<void> {
  writeHead(res, status, headers);
  let body = typeof json === "string" ? Buffer.from(json) : json;
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
