import {
  type AnyTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  TRPCError,
  transformTRPCResponse,
} from "@trpc/server";
import { getHTTPStatusCode } from "@trpc/server/http";
import { MAX_BATCH_SIZE } from "@/lib/batch-limit";
import type { Context } from "./context";
import { appRouter } from "./root";

/**
 * tRPC's JSON calls answered without Fetch API objects, for the front server
 * (server/http/trpc-front-door.ts).
 *
 * Why: under 50 clients asking for suggestions (bench/suggest-http.ts), the Fetch path around
 * each call (an undici Request whose signal undici registers for finalization, a web stream
 * for the body, tRPC's resolveResponse with three abort signals per call, a Response read back
 * into a buffer) cost ≈ 0.15 ms of the ≈ 0.75 ms of server CPU per call. Without it, in
 * interleaved runs: 1,618–1,956 calls/s (p95 39–50 ms) against 1,279–1,638 (p95 49–63 ms), and
 * the main thread's young-generation pauses p90 17 ms instead of 25.
 *
 * Same answers by construction: this path takes only the requests whose every part it can
 * decide exactly as tRPC's fetch handler does — JSON calls (GET, or POST with a JSON body and
 * `allowMethodOverride` as in trpc-http.ts) whose procedures all exist, are of one type, and
 * accept the method, with inputs that parse. Anything else (a malformed input, an unknown
 * procedure, a subscription, a streamed batch, a form body, an oversized batch) returns null
 * from `planDirectCall`/`readDirectInputs` and goes to tRPC's own handler, which produces its own
 * errors. The procedures, their middlewares, the context, the error formatter and the
 * transformer are the router's own; trpc-direct.int.test.ts compares both paths' answers.
 */

type Call = { path: string; procedure: AnyTRPCProcedure };
export type DirectPlan = {
  isBatch: boolean;
  type: "query" | "mutation";
  calls: Call[];
};

export type TrpcAnswer = { status: number; headers: Headers; body: string };

const config = appRouter._def._config;
// Typed as the nested router record; at run time it is the flat map tRPC itself looks paths up in
// ("suggestions.forMessage" → procedure), as its getProcedureAtPath does.
const procedures = appRouter._def.procedures as unknown as Record<
  string,
  AnyTRPCProcedure | undefined
>;

/** tRPC's media-type test: case-insensitive, parameters ignored. */
function isJsonContentType(value: string | null): boolean {
  return value?.toLowerCase().split(";", 1)[0]?.trim() === "application/json";
}

/** tRPC's test for a streamed (JSON Lines) call. */
function wantsJsonLines(headers: Headers): boolean {
  const trpcAccept = headers.get("trpc-accept");
  if (trpcAccept !== null) return trpcAccept === "application/jsonl";
  return Boolean(
    headers
      .get("accept")
      ?.split(",")
      .some((type) => type.trim() === "application/jsonl"),
  );
}

/**
 * Whether the direct path can answer, from the method, the path after the endpoint (still
 * URL-encoded, slashes trimmed as tRPC does), the query string and the headers; before any
 * body is read.
 */
export function planDirectCall(request: {
  method: string;
  encodedPath: string;
  search: URLSearchParams;
  headers: Headers;
}): DirectPlan | null {
  const { method, headers } = request;
  if (method !== "GET" && method !== "POST") return null;
  if (method === "POST" && !isJsonContentType(headers.get("content-type"))) return null;
  if (wantsJsonLines(headers)) return null;
  let path: string;
  try {
    path = decodeURIComponent(request.encodedPath);
  } catch {
    return null;
  }
  const isBatch = request.search.get("batch") === "1";
  const paths = isBatch ? path.split(",") : [path];
  if (paths.length > MAX_BATCH_SIZE) return null;
  const calls: Call[] = [];
  let type: DirectPlan["type"] | null = null;
  for (const name of paths) {
    const procedure = Object.hasOwn(procedures, name) ? procedures[name] : undefined;
    const procedureType = procedure?._def.type;
    if (!procedure || (procedureType !== "query" && procedureType !== "mutation")) return null;
    if (type !== null && type !== procedureType) return null;
    // GET takes queries only; POST takes both (method override, as trpc-http.ts allows).
    if (method === "GET" && procedureType !== "query") return null;
    type = procedureType;
    calls.push({ path: name, procedure });
  }
  if (type === null) return null;
  return { isBatch, type, calls };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Each call's deserialized input, from the `input` query parameter (GET: absent or empty means
 * none) or the body (POST: always parsed, so an empty one is refused), as tRPC's JSON handler
 * reads them; null when tRPC would refuse them (its handler then answers).
 */
export function readDirectInputs(
  plan: DirectPlan,
  raw: { query: string | null } | { body: string },
): unknown[] | null {
  try {
    const parsed: unknown =
      "body" in raw ? JSON.parse(raw.body) : raw.query ? JSON.parse(raw.query) : undefined;
    if (parsed === undefined) return plan.calls.map(() => undefined);
    if (!plan.isBatch) return [config.transformer.input.deserialize(parsed)];
    if (!isObject(parsed)) return null;
    return plan.calls.map((_, index) => {
      const input = parsed[index];
      return input === undefined ? undefined : config.transformer.input.deserialize(input);
    });
  } catch {
    return null;
  }
}

/** tRPC refuses promises and iterables in a non-streamed answer. */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (Symbol.asyncIterator in value) return true;
  return Object.values(value).some(
    (v) =>
      v instanceof Promise || (typeof v === "object" && v !== null && Symbol.asyncIterator in v),
  );
}

/**
 * Runs the planned calls (concurrently, as tRPC does) with one context, and answers as tRPC's
 * fetch handler would: its envelope, status (207 for a mixed batch), headers (plus the context's
 * response headers, e.g. rate limits) and transformer.
 */
export async function answerDirect(
  plan: DirectPlan,
  inputs: unknown[],
  options: { createContext: (resHeaders: Headers) => Promise<Context>; signal: AbortSignal },
): Promise<TrpcAnswer> {
  const resHeaders = new Headers();
  let ctx: Context | undefined;
  let contextError: TRPCError | undefined;
  try {
    ctx = await options.createContext(resHeaders);
  } catch (cause) {
    contextError = getTRPCErrorFromUnknown(cause);
  }
  const entries = await Promise.all(
    plan.calls.map(async ({ path, procedure }, batchIndex) => {
      const input = inputs[batchIndex];
      try {
        if (contextError) throw contextError;
        const data: unknown = await procedure({
          path,
          getRawInput: async () => input,
          ctx,
          type: plan.type,
          signal: options.signal,
          batchIndex,
        });
        if (isDataStream(data)) {
          throw new TRPCError({
            code: "UNSUPPORTED_MEDIA_TYPE",
            message:
              "Cannot use stream-like response in non-streaming request - use httpBatchStreamLink",
          });
        }
        return { result: { data } };
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        return {
          error: getTRPCErrorShape({ config, ctx, error, input, path, type: plan.type }),
        };
      }
    }),
  );
  const untransformed = plan.isBatch ? entries : entries[0];
  if (!untransformed) throw new Error("a planned call has no answer");
  const headers = new Headers([
    ["vary", "trpc-accept, accept"],
    ["content-type", "application/json"],
  ]);
  for (const [name, value] of resHeaders) headers.append(name, value);
  return {
    status: getHTTPStatusCode(untransformed),
    headers,
    body: JSON.stringify(transformTRPCResponse(config, untransformed)),
  };
}
