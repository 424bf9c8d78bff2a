import { describe, expect, it } from "vitest";
import { parseTemplate } from "../language/parse-template";
import { convertForeignContent, mappingLookup } from "./foreign-content";
import { htmlToText } from "./html-to-text";

const lookup = mappingLookup({ "user.name": { name: "customer.name", type: "text" } });

describe("convertForeignContent", () => {
  it("maps known placeholders case-insensitively and escapes every other brace", () => {
    const result = convertForeignContent("{{ USER.name }} {x} {{other}} {% tag %} }", lookup);
    expect(result).toEqual({
      content: "{customer.name} {{x}} {{{{other}}}} {{% tag %}} }}",
      variables: [{ name: "customer.name", type: "text", required: true }],
      unmapped: ["{{other}}", "{% tag %}"],
    });
    expect(parseTemplate(result.content, ["customer.name"]).diagnostics).toEqual([]);
  });

  it("treats unclosed openers as literal text", () => {
    const result = convertForeignContent("a {{ b {% c", lookup);
    expect(result.content).toBe("a {{{{ b {{% c");
    expect(result.unmapped).toEqual([]);
  });

  it("stays linear on many unclosed openers", () => {
    const started = performance.now();
    convertForeignContent("{{".repeat(100_000) + "{%".repeat(100_000), lookup);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("htmlToText", () => {
  it("turns paragraphs and breaks into lines, drops tags and decodes entities", () => {
    expect(
      htmlToText(
        "<p>Hi &amp; welcome,</p><p>Line<br/>two &#8212; &#x263A; &lt;b&gt;</p><ul><li>one</li></ul>",
      ),
    ).toBe("Hi & welcome,\n\nLine\ntwo — ☺ <b>\n\n- one");
  });

  it("stays linear on unclosed tags and long runs of spaces", () => {
    const started = performance.now();
    htmlToText(`${"<".repeat(200_000)}${" ".repeat(200_000)}x`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
