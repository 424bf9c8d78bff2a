import { describe, expect, it } from "vitest";
import { renderTemplate } from "@/server/templates/language/render-template";
import type { TemplateVariable } from "@/server/templates/language/variable-schema";
import { runRegexInThread } from "@/server/templates/regex/regex-runner";
import { filledReply } from "./copy-reply";
import { exampleValue, sampleForPattern } from "./example-values";

const v = (variable: Partial<TemplateVariable> & { name: string }): TemplateVariable => ({
  type: "text",
  required: false,
  ...variable,
});
const settings = { locale: "en-US", currency: "USD", timeZone: "UTC", runRegex: runRegexInThread };

describe("exampleValue", () => {
  it("fills a required patterned variable with a value that matches the pattern", () => {
    expect(sampleForPattern("[A-Z]{2}-\\d{4}")).toMatch(/^[A-Z]{2}-\d{4}$/);
    expect(sampleForPattern("^\\d{3,5}$")).toMatch(/^\d{3}$/);
    expect(sampleForPattern("(a|b)+")).toBeNull();
    const order = v({ name: "order_id", required: true, pattern: "[A-Z]{2}-\\d{4}" });
    expect(exampleValue(order)).toMatch(/^[A-Z]{2}-\d{4}$/);
  });

  it("names the agent and the customer differently and never spells out the variable", () => {
    const customer = exampleValue(v({ name: "customer.first_name" }));
    const agent = exampleValue(v({ name: "agent.name" }));
    expect(customer).not.toBe("");
    expect(agent).not.toBe("");
    expect(customer).not.toBe(agent);
    expect(exampleValue(v({ name: "tracking_number", required: true }))).not.toMatch(/tracking/i);
    expect(exampleValue(v({ name: "zz_unknown", required: true }))).not.toBe("");
  });

  it("every type's example renders without a problem", () => {
    const variables = (["number", "currency", "date", "email", "url", "text"] as const).map(
      (type) => v({ name: `x_${type}`, type, required: true }),
    );
    const values = Object.fromEntries(variables.map((x) => [x.name, exampleValue(x)]));
    const content = variables.map((x) => `{${x.name}}`).join(" ");
    const result = renderTemplate(content, variables, values, settings);
    expect(result.missing).toEqual([]);
    expect(result.invalid).toEqual([]);
  });
});

describe("filledReply (Copy reply)", () => {
  const variables = [v({ name: "customer.first_name" }), v({ name: "order_id", required: true })];
  const content =
    "Hi {customer.first_name|there},\nyour order {order_id} <ships> today.\n\nThanks!";

  it("refuses while a required value is missing, naming it", () => {
    expect(filledReply(content, variables, {}, settings, runRegexInThread)).toEqual({
      problem: "Fill in order_id first.",
    });
  });

  it("gives plain text and escaped HTML paragraphs", () => {
    const reply = filledReply(content, variables, { order_id: "#1<2" }, settings, runRegexInThread);
    expect(reply).toEqual({
      text: "Hi there,\nyour order #1<2 <ships> today.\n\nThanks!",
      html: "<p>Hi there,<br>your order #1&lt;2 &lt;ships&gt; today.</p><p>Thanks!</p>",
    });
  });

  it("gives formatted HTML and unformatted text for Markdown content", () => {
    const reply = filledReply(
      "**Order {order_id}**\n- [track](https://t.example/{order_id})",
      variables,
      { order_id: "**x**" },
      settings,
      runRegexInThread,
    );
    expect(reply).toEqual({
      text: "Order **x**\n- track (https://t.example/**x**)",
      html: '<p><strong>Order **x**</strong></p><ul><li><a href="https://t.example/**x**" rel="noopener noreferrer">track</a></li></ul>',
    });
  });
});
