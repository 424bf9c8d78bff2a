import { getTRPCErrorShape, TRPCError, transformTRPCResponse } from "@trpc/server";
import { MAX_BATCH_SIZE } from "@/lib/batch-limit";
import type { AppRouter } from "./root";

/**
 * How many procedures a tRPC request names: `/api/trpc/a,b,c` is a batch of three. tRPC
 * decodes the path before splitting it, so `a%2Cb` is two as well.
 */
export function countProcedures(url: URL, endpoint: string): number {
  let rest = url.pathname.slice(endpoint.length).replace(/^\/+/, "");
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // Malformed escapes: tRPC answers 400 for those itself; count what is visible.
  }
  return rest === "" ? 0 : rest.split(",").length;
}

/**
 * Refuses a batch larger than MAX_BATCH_SIZE before tRPC parses its body or runs anything:
 * 400 with one error per named procedure, in tRPC's own response format (so a tRPC client
 * shows the message), saying what the limit is.
 */
export function rejectOversizedBatch(
  req: Request,
  options: { endpoint: string; router: AppRouter; max?: number },
): Response | null {
  const max = options.max ?? MAX_BATCH_SIZE;
  const url = new URL(req.url);
  const count = countProcedures(url, options.endpoint);
  if (count <= max) return null;
  const message = `This request names ${count} procedures; one request may carry at most ${max}. Send them in smaller batches.`;
  const config = options.router._def._config;
  const error = new TRPCError({ code: "BAD_REQUEST", message });
  const body = Array.from({ length: count }, () =>
    transformTRPCResponse(config, {
      error: getTRPCErrorShape({
        config,
        error,
        type: "unknown",
        path: undefined,
        input: undefined,
        ctx: undefined,
      }),
    }),
  );
  return Response.json(url.searchParams.get("batch") === "1" ? body : body[0], { status: 400 });
}
