import type { DataTransformer } from "@trpc/server";
import superjson from "superjson";

/**
 * superjson's wire format, without its walk for values that are plain JSON already.
 *
 * Why: superjson.serialize copies every object and array of an answer while it looks for
 * Dates, Maps, undefined and repeated references, and records a path for each; for a
 * suggestions answer that was ≈ 6 % of the API's CPU under load (bench/suggest-http.ts
 * profile). Most answers hold none of those. This checks that first — a walk that allocates
 * nothing but a set of the objects seen — and then sends `{ json: value }`, exactly what
 * superjson sends for such a value; anything else (a Date, undefined, NaN, -0, a class
 * instance, an object reached twice, a key superjson refuses) goes through superjson itself.
 * The client keeps plain superjson: the bytes are the same (transformer.test.ts).
 *
 * Input: superjson.deserialize deep-copies `json` even when there is no `meta` to apply; a
 * freshly parsed request body is nobody else's, so without `meta` it is used as it is (zod
 * parses it next).
 */
export const superjsonWire: DataTransformer = {
  serialize(value: unknown) {
    return isPlainJson(value, new Set()) ? { json: value } : superjson.serialize(value);
  },
  deserialize(payload: unknown) {
    if (typeof payload === "object" && payload !== null && !("meta" in payload)) {
      return (payload as { json?: unknown }).json;
    }
    // Whatever superjson makes of it, as before (including its errors).
    return superjson.deserialize(payload as Parameters<typeof superjson.deserialize>[0]);
  },
};

/** Keys superjson refuses to serialise (prototype pollution); left to it to throw. */
const REFUSED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** True when superjson would send `value` unchanged with no `meta`. */
export function isPlainJson(value: unknown, seen: Set<object>): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      // superjson annotates NaN, ±Infinity and -0.
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object":
      break;
    default:
      // undefined, bigint, symbol, function
      return false;
  }
  if (value === null) return true;
  // A second reference (or a cycle) gets a referential-equality annotation from superjson.
  if (seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i], seen)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (REFUSED_KEYS.has(key) || !isPlainJson(record[key], seen)) return false;
  }
  return true;
}
