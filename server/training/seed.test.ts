import { describe, expect, it } from "vitest";
import { seedTrainingRows } from "./seed";

const texts = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);

/** The same demo in two fresh databases: same texts and names, other template ids and row order. */
function demoRows(ids: { refund: string; shipping: string }, reverse: boolean) {
  const rows = [
    ...texts("refund please", 8).map((text) => ({ text, templateId: ids.refund })),
    ...texts("where is my parcel", 5).map((text) => ({ text, templateId: ids.shipping })),
  ];
  return reverse ? rows.reverse() : rows;
}

describe("seedTrainingRows", () => {
  const first = {
    refund: "f0000000-0000-4000-8000-000000000001",
    shipping: "0a000000-0000-4000-8000-000000000002",
  };
  const second = {
    refund: "0b000000-0000-4000-8000-000000000003",
    shipping: "e0000000-0000-4000-8000-000000000004",
  };
  // Templates by name: "Refund policy" before "Shipping times".
  const a = seedTrainingRows(demoRows(first, false), [first.refund, first.shipping], 6);
  const b = seedTrainingRows(demoRows(second, true), [second.refund, second.shipping], 6);

  it("gives the same rows and labels whatever the ids and the insertion order", () => {
    expect(b.rows).toEqual(a.rows);
    expect(a.rows.map((r) => r.label)).toEqual([...Array(6).fill("t0"), ...Array(5).fill("t1")]);
  });

  it("caps each template by a hash of the text, not by position", () => {
    const refunds = a.rows.filter((r) => r.label === "t0").map((r) => r.text);
    expect(refunds).toHaveLength(6);
    expect(refunds).not.toEqual(texts("refund please", 6));
  });

  it("maps each label back to its template id", () => {
    expect(a.templateIdOf("t0")).toBe(first.refund);
    expect(b.templateIdOf("t1")).toBe(second.shipping);
  });

  it("keeps examples of a template it was not given, after the named ones", () => {
    const other = seedTrainingRows(
      [{ text: "hello", templateId: "zz" }, ...demoRows(first, false)],
      [first.refund, first.shipping],
      6,
    );
    expect(other.rows.at(-1)).toEqual({ text: "hello", label: "~zz" });
    expect(other.templateIdOf("~zz")).toBe("zz");
  });
});
