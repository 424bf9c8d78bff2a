import { describe, expect, it } from "vitest";
import { listPlaceholders } from "./list-placeholders";
import { parseTemplate } from "./parse-template";

const errorsOf = (content: string, declared?: string[]) =>
  parseTemplate(content, declared).diagnostics.filter((d) => d.severity === "error");

describe("parseTemplate: well-formed content", () => {
  it("splits text and placeholders with positions", () => {
    const { nodes, diagnostics } = parseTemplate("Hi {customer_name}!\nOrder {order_id|unknown}.");
    expect(diagnostics).toEqual([]);
    expect(nodes).toEqual([
      { kind: "text", value: "Hi ", span: { offset: 0, length: 3, line: 1, column: 1 } },
      {
        kind: "placeholder",
        name: "customer_name",
        fallback: undefined,
        span: { offset: 3, length: 15, line: 1, column: 4 },
        nameSpan: { offset: 4, length: 13, line: 1, column: 5 },
      },
      { kind: "text", value: "!\nOrder ", span: { offset: 18, length: 8, line: 1, column: 19 } },
      {
        kind: "placeholder",
        name: "order_id",
        fallback: "unknown",
        span: { offset: 26, length: 18, line: 2, column: 7 },
        nameSpan: { offset: 27, length: 8, line: 2, column: 8 },
      },
      { kind: "text", value: ".", span: { offset: 44, length: 1, line: 2, column: 25 } },
    ]);
  });

  it("turns {{ and }} into literal braces", () => {
    const { nodes, diagnostics } = parseTemplate('Use {{"id": {id}}} here');
    expect(diagnostics).toEqual([]);
    expect(nodes.map((n) => (n.kind === "text" ? n.value : `<${n.name}>`))).toEqual([
      'Use {"id": ',
      "<id>",
      "} here",
    ]);
  });

  it("reads dotted names, trims spaces around the name and keeps the fallback verbatim", () => {
    const [node] = parseTemplate("{ customer.first_name |there }").nodes;
    expect(node).toMatchObject({
      kind: "placeholder",
      name: "customer.first_name",
      fallback: "there ",
      nameSpan: { offset: 2, length: 19 },
    });
  });

  it("accepts an empty fallback and a fallback containing a pipe", () => {
    const names = parseTemplate("{a|}{b|x|y}").nodes.map(
      (n) => n.kind === "placeholder" && n.fallback,
    );
    expect(names).toEqual(["", "x|y"]);
  });

  it("counts CRLF and lone CR as one line break each", () => {
    const [, placeholder] = parseTemplate("a\r\nb\rc {x}").nodes;
    expect(placeholder).toMatchObject({ span: { line: 3, column: 3, offset: 7 } });
  });
});

describe("parseTemplate: errors with positions", () => {
  it("reports an unclosed placeholder where it opens", () => {
    expect(errorsOf("Hello\nDear {customer_name, thanks")).toEqual([
      {
        severity: "error",
        code: "unclosed-placeholder",
        offset: 11,
        length: 22,
        line: 2,
        column: 6,
        message:
          "Unclosed placeholder starting at line 2, column 6: close it with } or write {{ for a literal brace.",
      },
    ]);
  });

  it("stops an unclosed placeholder at the end of its line and parses on", () => {
    const result = parseTemplate("{oops\n{ok}");
    expect(result.diagnostics).toMatchObject([
      { code: "unclosed-placeholder", line: 1, column: 1, length: 5 },
    ]);
    expect(result.nodes.at(-1)).toMatchObject({ kind: "placeholder", name: "ok" });
  });

  it("stops an unclosed placeholder at the next opening brace", () => {
    const result = parseTemplate("{a {b}");
    expect(result.diagnostics).toMatchObject([
      { code: "unclosed-placeholder", offset: 0, length: 3 },
    ]);
    expect(result.nodes).toMatchObject([
      { kind: "text", value: "{a " },
      { kind: "placeholder", name: "b" },
    ]);
  });

  it("reports a stray closing brace", () => {
    expect(errorsOf("ok }} then } here")).toEqual([
      {
        severity: "error",
        code: "stray-closing-brace",
        offset: 11,
        length: 1,
        line: 1,
        column: 12,
        message: "Stray closing brace at line 1, column 12: write }} for a literal brace.",
      },
    ]);
  });

  it("reports an empty name, with or without a fallback", () => {
    expect(errorsOf("a {} b\n{ |x}")).toMatchObject([
      { code: "empty-name", line: 1, column: 3, length: 2 },
      {
        code: "empty-name",
        line: 2,
        column: 1,
        length: 5,
        message:
          "Empty placeholder at line 2, column 1: put a variable name between the braces, or write {{ and }} for literal braces.",
      },
    ]);
  });

  it("reports an invalid name at the name's position", () => {
    const [error] = errorsOf("x {  1st-name }");
    expect(error).toMatchObject({
      code: "invalid-name",
      name: "1st-name",
      offset: 5,
      length: 8,
      line: 1,
      column: 6,
    });
    expect(error?.message).toMatch(/^Invalid variable name at line 1, column 6: "1st-name" is not/);
  });

  it("reports an overlong name as invalid", () => {
    const [error] = errorsOf(`{${"a".repeat(65)}}`);
    expect(error).toMatchObject({ code: "invalid-name" });
    expect(error?.message).toContain("the limit is 64");
  });

  it("reports placeholders with no declared variable and suggests a close name", () => {
    expect(errorsOf("{order_id} {ordr_status} {zzz}", ["order_id", "order_status"])).toMatchObject([
      {
        code: "undeclared-variable",
        name: "ordr_status",
        column: 13,
        message:
          'The placeholder "ordr_status" at line 1, column 13 has no declared variable; did you mean "order_status"?',
      },
      {
        code: "undeclared-variable",
        name: "zzz",
        message:
          'The placeholder "zzz" at line 1, column 27 has no declared variable; declare it or correct the name.',
      },
    ]);
  });

  it("warns about declared variables that are never used", () => {
    expect(parseTemplate("Hi {a}", ["a", "b"]).diagnostics).toEqual([
      {
        severity: "warning",
        code: "unused-variable",
        name: "b",
        variableIndex: 1,
        message: 'The variable "b" is declared but no placeholder uses it.',
      },
    ]);
  });

  it("keeps broken placeholders as literal text so a preview can show them", () => {
    expect(parseTemplate("a {} b").nodes).toEqual([
      { kind: "text", value: "a {} b", span: { offset: 0, length: 6, line: 1, column: 1 } },
    ]);
  });
});

describe("parseTemplate: scale", () => {
  it("parses adversarial content in linear time", () => {
    const content = "{".repeat(200_000) + "{a|".repeat(50_000) + "}".repeat(100_001);
    const started = performance.now();
    const result = parseTemplate(content, ["a"]);
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });
});

describe("listPlaceholders", () => {
  it("lists well-formed placeholders with name positions for the editor", () => {
    expect(listPlaceholders("Hi {name|there},\n{} {{x}} {order.id}")).toEqual([
      {
        name: "name",
        fallback: "there",
        offset: 3,
        length: 12,
        line: 1,
        column: 4,
        nameOffset: 4,
        nameLength: 4,
      },
      {
        name: "order.id",
        fallback: undefined,
        offset: 26,
        length: 10,
        line: 2,
        column: 10,
        nameOffset: 27,
        nameLength: 8,
      },
    ]);
  });
});
