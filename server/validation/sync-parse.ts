import { z } from "zod";

/**
 * A copy of the schema that tRPC validates with a synchronous parse.
 *
 * Why: tRPC v11 validates a zod schema with `parseAsync`, and zod 4 uses its compiled object
 * parser (the JIT fast path) only in a synchronous parse. For suggestions.forMessage, the one
 * procedure under a latency budget (50 clients, p95 ≤ 50 ms), its output with three suggestions
 * took 23–26 µs a call through `parseAsync` against 10.6–12.4 µs through `parse`, and its input
 * 2.6–4.0 µs against 1.4–2.0 (bench/trpc-validation.ts, five alternating rounds). Same result, same ZodError (tRPC's BAD_REQUEST and
 * the error formatter's field errors see no difference). A schema with an async refinement or
 * transform cannot be parsed synchronously: zod says so with $ZodAsyncError, and the copy then
 * parses asynchronously as before.
 */
export function parsedSynchronously<T extends z.ZodType>(schema: T): T {
  const copy = schema.clone() as T;
  const parseAsync = copy.parseAsync.bind(copy);
  copy.parseAsync = async (data, params) => {
    try {
      return copy.parse(data, params);
    } catch (error) {
      if (error instanceof z.core.$ZodAsyncError) return parseAsync(data, params);
      throw error;
    }
  };
  return copy;
}
