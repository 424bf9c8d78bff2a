import { describe, expect, it } from "vitest";
import { parseTemplate } from "./parse-template";
import { PARSE_MEMO_CONTENTS, parseTemplateMemo } from "./parse-template-memo";

describe("parseTemplateMemo", () => {
  it("gives parseTemplate's tree, once per (content, declared names)", () => {
    const content = "Hi {customer.first_name|there}, order {order_id} ships {{soon}}. {broken";
    const first = parseTemplateMemo(content, ["order_id"]);
    expect(first).toEqual(parseTemplate(content, ["order_id"]));
    expect(parseTemplateMemo(content, ["order_id"])).toBe(first);
    const undeclared = parseTemplateMemo(content);
    expect(undeclared).not.toBe(first);
    expect(undeclared).toEqual(parseTemplate(content));
    // Declared names change the diagnostics, so they are part of the key.
    expect(parseTemplateMemo(content, [])).toEqual(parseTemplate(content, []));
  });

  it("shares a frozen tree: changing it throws instead of corrupting other callers' copy", () => {
    const parsed = parseTemplateMemo("Dear {name}, thanks");
    expect(Object.isFrozen(parsed.nodes)).toBe(true);
    expect(() => {
      (parsed.nodes as unknown[]).push({ kind: "text", value: "x" });
    }).toThrow(TypeError);
    const node = parsed.nodes[0] as { value?: string };
    expect(() => {
      node.value = "changed";
    }).toThrow(TypeError);
  });

  it("keeps at most PARSE_MEMO_CONTENTS contents, dropping the least recently used", () => {
    const kept = parseTemplateMemo("kept {a}");
    const firstFiller = parseTemplateMemo("filler 0 {b}");
    for (let i = 0; i < PARSE_MEMO_CONTENTS + 10; i++) {
      parseTemplateMemo(`filler ${i} {b}`);
      if (i % 100 === 0) parseTemplateMemo("kept {a}"); // used now and then: stays
    }
    expect(parseTemplateMemo("kept {a}")).toBe(kept);
    const again = parseTemplateMemo("filler 0 {b}"); // dropped long ago: parsed anew
    expect(again).not.toBe(firstFiller);
    expect(again).toEqual(firstFiller);
  });
});
