import type { z } from "zod";
import { appRouter } from "@/server/api/root";
import { templateDraftInput } from "@/server/api/routers/templates.schema";
import { templateDraftSchema } from "@/server/templates/language/template-schema";
import type { Caller } from "./factories";

/**
 * The router as data, for sweeps that must cover every procedure, present and future: each
 * procedure's path, type and input schema, a minimal valid input generated from the schema,
 * and the paths of every text field inside it.
 */
export type Procedure = { path: string; type: "query" | "mutation"; input: z.ZodType | null };
export type FieldPath = (string | number)[];

type ProcedureDef = { _def: { type: string; inputs: unknown[] } };

export function listProcedures(): Procedure[] {
  const record = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
  return Object.entries(record).map(([path, procedure]) => {
    const { type, inputs } = procedure._def;
    if (inputs.length > 1) throw new Error(`${path}: chained .input() is not walked yet`);
    if (type !== "query" && type !== "mutation") throw new Error(`${path}: ${type} not swept`);
    return { path, type, input: (inputs[0] as z.ZodType | undefined) ?? null };
  });
}

/** Calls `path` on a caller (`templates.versions.get` → caller.templates.versions.get). */
export function callProcedure(caller: Caller, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const key of path.split(".")) target = (target as Record<string, unknown>)[key];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

/**
 * Schemas that cannot be walked because they check their value in code: templates.create and
 * update accept the draft as z.custom and validate it with templateDraftSchema in the store
 * (so imports go through the same gate). The sweep walks the schema that really decides.
 */
const SUBSTITUTES = new Map<unknown, z.ZodType>([[templateDraftInput, templateDraftSchema]]);

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "readonly",
  "catch",
  "nonoptional",
]);

function resolve(schema: z.ZodType): z.ZodType {
  return SUBSTITUTES.get(schema) ?? schema;
}

const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

/** Strings that satisfy most text fields; the first one the field accepts is used. */
function stringCandidates(): string[] {
  return [
    "sweepmin",
    crypto.randomUUID(),
    `sweep-${crypto.randomUUID()}@example.test`,
    "sweep-minimal-token-00000000",
    "en",
    "en-US",
    "USD",
    "UTC",
    "sweep-slug",
    new Date().toISOString().slice(0, 10),
  ];
}

/** A minimal valid value for `schema` (required fields only), or undefined when none is found. */
export function minimalInput(input: z.ZodType): unknown {
  const schema = resolve(input);
  if (accepts(schema, undefined)) return undefined;
  const def = defOf(schema);
  switch (def.type) {
    case "string":
      return stringCandidates().find((c) => accepts(schema, c));
    case "number":
    case "int":
      return [1, 0, 50].find((c) => accepts(schema, c));
    case "boolean":
      return false;
    case "date":
      return new Date();
    case "enum":
      return Object.values(def.entries ?? {})[0];
    case "literal":
      return def.values?.[0];
    case "array": {
      if (accepts(schema, [])) return [];
      if (!def.element) return [];
      // As many elements as the array needs (A/B tests take two variants or more).
      const element = def.element;
      for (let length = 1; length <= 6; length++) {
        const items = Array.from({ length }, () => minimalInput(element));
        if (accepts(schema, items)) return items;
      }
      return [minimalInput(element)];
    }
    case "record":
      return {};
    case "object": {
      const value: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        const minimal = minimalInput(field);
        if (minimal !== undefined) value[key] = minimal;
      }
      return value;
    }
    case "union":
      for (const option of def.options ?? []) {
        const minimal = minimalInput(option);
        if (accepts(option, minimal)) return minimal;
      }
      return undefined;
    case "intersection":
      return {
        ...(minimalInput(def.left as z.ZodType) as object),
        ...(minimalInput(def.right as z.ZodType) as object),
      };
    case "pipe":
      return minimalInput(def.in as z.ZodType);
    default:
      if (WRAPPERS.has(def.type) && def.innerType) return minimalInput(def.innerType);
      return undefined;
  }
}

/**
 * A text field inside an input: where it is, and the input with a value put there. Fields in
 * arrays are reached through a one-element array, record values through one key; each union
 * option and each side of an intersection is walked.
 */
export type TextField = { path: FieldPath; withValue: (value: unknown) => unknown };

export function textFields(input: z.ZodType): TextField[] {
  return walk(input, [], (value) => value);
}

function walk(input: z.ZodType, path: FieldPath, place: (value: unknown) => unknown): TextField[] {
  const schema = resolve(input);
  const def = defOf(schema);
  switch (def.type) {
    case "string":
    case "enum":
      return [{ path, withValue: place }];
    case "array":
      return def.element ? walk(def.element, [...path, 0], (v) => place([v])) : [];
    case "record":
      return def.valueType ? walk(def.valueType, [...path, "key"], (v) => place({ key: v })) : [];
    case "object": {
      const base = (minimalInput(schema) ?? {}) as Record<string, unknown>;
      return Object.entries(def.shape ?? {}).flatMap(([key, field]) =>
        walk(field, [...path, key], (v) => place({ ...base, [key]: v })),
      );
    }
    case "union":
      return (def.options ?? []).flatMap((option) => walk(option, path, place));
    case "intersection": {
      const left = def.left as z.ZodType;
      const right = def.right as z.ZodType;
      const leftBase = (minimalInput(left) ?? {}) as object;
      const rightBase = (minimalInput(right) ?? {}) as object;
      return [
        ...walk(left, path, (v) => place({ ...rightBase, ...(v as object) })),
        ...walk(right, path, (v) => place({ ...leftBase, ...(v as object) })),
      ];
    }
    case "pipe":
      return walk(def.in as z.ZodType, path, place);
    default:
      if (WRAPPERS.has(def.type) && def.innerType) return walk(def.innerType, path, place);
      return [];
  }
}
