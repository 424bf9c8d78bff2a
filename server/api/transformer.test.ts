import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { superjsonWire } from "./transformer";

const wire = (value: unknown) => JSON.stringify(superjsonWire.serialize(value));
const reference = (value: unknown) => JSON.stringify(superjson.serialize(value));

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
}

const shared = { id: "same object twice" };
const cyclic: Record<string, unknown> = { name: "loop" };
cyclic.self = cyclic;

/** Values superjson sends as they are, and values it annotates: the bytes must match for all. */
const CASES: [string, unknown][] = [
  ["string", "hello"],
  ["number", 3.25],
  ["zero", 0],
  ["null", null],
  ["boolean", false],
  ["empty object", {}],
  ["empty array", []],
  [
    "a suggestions answer",
    {
      suggestionId: "0b9e8f5e-3f7e-4a43-9c1e-1f2d3c4b5a69",
      confident: true,
      threshold: 0.62,
      model: { version: 3 },
      sentiment: { label: "negative", score: -0.4767 },
      extracted: { order_number: "A-1234" },
      suggestions: [
        {
          rank: 1,
          templateId: "t1",
          body: "Hi {customer.first_name|there}",
          reasons: { triggers: [], modelProbability: 0.91, textMatch: 0, pastChoices: 0 },
        },
      ],
      warnings: [],
    },
  ],
  ["null prototype", Object.assign(Object.create(null), { a: 1 })],
  ["nested arrays", [[1, [2, [3, { deep: ["x"] }]]]]],
  ["undefined", undefined],
  ["undefined property", { a: 1, b: undefined }],
  ["undefined in an array", [1, undefined, 3]],
  // biome-ignore lint/suspicious/noSparseArray: the case under test
  ["sparse array", [1, , 3]],
  ["NaN", { n: Number.NaN }],
  ["Infinity", [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]],
  ["negative zero", { z: -0 }],
  ["bigint", { big: 10n }],
  ["Date", { at: new Date("2026-12-03T10:00:00Z") }],
  ["Map", new Map([["k", 1]])],
  ["Set", { tags: new Set(["a"]) }],
  ["RegExp", /a+b/gi],
  ["Error", { error: new Error("boom") }],
  ["class instance", { point: new Point(1, 2) }],
  ["typed array", { weights: new Float64Array([0.5, 1]) }],
  ["function property", { fn: () => 1, keep: 2 }],
  ["object reached twice", { a: shared, b: [shared] }],
  ["cycle", cyclic],
];

describe("superjsonWire", () => {
  it.each(CASES)("serialises %s to superjson's bytes", (_name, value) => {
    expect(wire(value)).toBe(reference(value));
  });

  it("answers superjson's refusal of prototype keys with superjson's error", () => {
    const polluted = JSON.parse('{"ok":1,"__proto__":{"admin":true}}') as unknown;
    expect(() => superjson.serialize(polluted)).toThrow(/prototype pollution/);
    expect(() => superjsonWire.serialize(polluted)).toThrow(/prototype pollution/);
  });

  it("reads what superjson writes, annotations included", () => {
    for (const [, value] of CASES) {
      if (value === cyclic) continue; // superjson itself sends a cycle as null
      const sent = JSON.parse(JSON.stringify(superjson.serialize(value))) as unknown;
      expect(superjsonWire.deserialize(sent)).toEqual(superjson.deserialize(sent as never));
    }
    const dated = superjsonWire.deserialize(
      JSON.parse(superjson.stringify({ at: new Date(0) })) as unknown,
    ) as { at: unknown };
    expect(dated.at).toBeInstanceOf(Date);
  });

  it("uses a payload without meta as it is", () => {
    const payload = { json: { message: "where is my card?", limit: 3 } };
    expect(superjsonWire.deserialize(payload)).toBe(payload.json);
  });
});
