import { describe, expect, it } from "vitest";
import { runRegexInThread } from "../regex/regex-runner";
import { renderTemplate } from "./render-template";
import { type TemplateVariable, templateVariableSchema } from "./variable-schema";

const US = { locale: "en-US", currency: "USD", timeZone: "UTC", runRegex: runRegexInThread };
const v = (variable: Partial<TemplateVariable> & { name: string }): TemplateVariable =>
  templateVariableSchema.parse({ type: "text", ...variable });
const vars = [v({ name: "name" }), v({ name: "tracking" }), v({ name: "order", required: true })];

const html = (content: string, values: Record<string, string> = {}) =>
  renderTemplate(content, vars, values, { ...US, format: "html" }).output;
const text = (content: string, values: Record<string, string> = {}) =>
  renderTemplate(content, vars, values, { ...US, format: "text" }).output;

describe("Markdown formatting: HTML output", () => {
  it("renders bold, italic, paragraphs and line breaks", () => {
    expect(html("Hi **there**, _really_ *sorry*.\nSecond line\n\nNew paragraph")).toBe(
      "<p>Hi <strong>there</strong>, <em>really</em> <em>sorry</em>.<br>Second line</p><p>New paragraph</p>",
    );
    expect(html("__bold__ and ***both***")).toBe(
      "<p><strong>bold</strong> and <strong><em>both</em></strong></p>",
    );
  });

  it("renders lists, ordered ones keeping their start", () => {
    expect(html("Steps:\n- one\n- **two**\n\n3. three\n4. four")).toBe(
      '<p>Steps:</p><ul><li>one</li><li><strong>two</strong></li></ul><ol start="3"><li>three</li><li>four</li></ol>',
    );
  });

  it("links only http(s) and mailto targets, with rel noopener noreferrer", () => {
    expect(html("[Help](https://example.com/help?a=1&b=2)")).toBe(
      '<p><a href="https://example.com/help?a=1&amp;b=2" rel="noopener noreferrer">Help</a></p>',
    );
    expect(html("[Mail us](mailto:help@example.com)")).toContain('href="mailto:help@example.com"');
    expect(html("[x](javascript:alert(1))")).toBe("<p>[x](javascript:alert(1))</p>");
    expect(html("[x](data:text/html,hi)")).not.toContain("<a");
    expect(html('[x](https://a.example/"onmouseover=1)')).not.toContain("<a");
  });

  it("never passes raw HTML through", () => {
    expect(html("<img src=x onerror=alert(1)> **<b>hi</b>**")).toBe(
      "<p>&lt;img src=x onerror=alert(1)&gt; <strong>&lt;b&gt;hi&lt;/b&gt;</strong></p>",
    );
  });

  it("leaves unpaired markers, words with underscores and escaped markers as written", () => {
    expect(html("5 * 3 = 15, snake_case_name, \\*not italic\\*, ** spaced **")).toBe(
      "<p>5 * 3 = 15, snake_case_name, *not italic*, ** spaced **</p>",
    );
  });

  it("fills placeholders inside formatting and link targets", () => {
    const values = { name: "Ada", tracking: "1Z 99" };
    expect(
      html("**Hi {name}**, [track it](https://track.example/{tracking}) or *{order|soon}*", values),
    ).toBe(
      '<p><strong>Hi Ada</strong>, <a href="https://track.example/1Z%2099" rel="noopener noreferrer">track it</a> or <em>soon</em></p>',
    );
  });

  it("keeps values inert: neither Markdown nor HTML in a value is interpreted", () => {
    const out = html("Hi **{name}**", {
      name: '<script>alert("x")</script> **bold** [a](https://e.x)',
    });
    expect(out).toBe(
      "<p>Hi <strong>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; **bold** [a](https://e.x)</strong></p>",
    );
    expect(out).not.toContain("<script");
    // A value cannot close the author's emphasis or open a link.
    expect(html("*{name}*", { name: "a* b" })).toBe("<p><em>a* b</em></p>");
  });

  it("does not link a target that is only a placeholder (its scheme is unknown)", () => {
    expect(html("[x]({tracking})", { tracking: "javascript:alert(1)" })).toBe(
      "<p>[x](javascript:alert(1))</p>",
    );
  });

  it("cannot be tricked by slot characters written in the content", () => {
    expect(html("a\uE0000\uE001b {name}", { name: "Ada" })).toBe("<p>a0b Ada</p>");
  });

  it("marks missing placeholders only when asked", () => {
    const marked = renderTemplate(
      "Order **{order}**",
      vars,
      {},
      {
        ...US,
        format: "html",
        markMissing: true,
      },
    );
    expect(marked.output).toBe("<p>Order <strong><mark>{order}</mark></strong></p>");
    expect(html("Order {order}")).toBe("<p>Order {order}</p>");
  });
});

describe("Markdown formatting: plain text output", () => {
  it("drops emphasis markers and writes links as label (url)", () => {
    expect(text("Hi **{name}**, see [the guide](https://e.example/g).", { name: "Ada" })).toBe(
      "Hi Ada, see the guide (https://e.example/g).",
    );
    expect(text("[https://e.example](https://e.example)")).toBe("https://e.example");
  });

  it("keeps lines, blank lines and list markers as written", () => {
    expect(text("Steps:\n- *one*\n1. two\n\nBye")).toBe("Steps:\n- one\n1. two\n\nBye");
  });

  it("writes a line without markup as it is, in both formats, placeholders filled and values inert", () => {
    const line = 'Order {order} for {name} ships 5 < 7 days & "soon" (tracking {tracking}).';
    const values = { order: "A1", name: "**<Ada>**", tracking: "[x](https://e.example)" };
    expect(text(line, values)).toBe(
      'Order A1 for **<Ada>** ships 5 < 7 days & "soon" (tracking [x](https://e.example)).',
    );
    expect(html(line, values)).toBe(
      "<p>Order A1 for **&lt;Ada&gt;** ships 5 &lt; 7 days &amp; &quot;soon&quot; (tracking [x](https://e.example)).</p>",
    );
    expect(text("Dear {name},\n\nOrder {order}", { name: "Ada" })).toBe(
      "Dear Ada,\n\nOrder {order}",
    );
  });

  it("returns values as given, Markdown included", () => {
    expect(text("Hi {name}", { name: "**<b>**" })).toBe("Hi **<b>**");
  });
});
