import { describe, expect, it } from "vitest";
import { type TemplateDraft, templateDraftSchema } from "../language/template-schema";
import { readFixture } from "./fixtures/read-fixture";
import { exportTemplatesJson, importTemplatesJson } from "./json-interchange";

const sample: TemplateDraft[] = [
  templateDraftSchema.parse({
    name: "Order Status Inquiry",
    category: "Shipping",
    content: "Hi {customer_name}! Order {order_id} is {order_status}. {{literal}}",
    status: "active",
    tags: ["orders"],
    language: "en-GB",
    variables: [
      { name: "customer_name", type: "text", required: true, fallback: "there" },
      { name: "order_id", type: "text", pattern: "\\d+", description: "digits" },
      { name: "order_status", type: "select", required: true, options: ["shipped", "delivered"] },
    ],
    triggers: [
      { kind: "phrase", value: "where is my order", weight: 2.5 },
      { kind: "regex", value: "order\\s*#\\d+", active: false },
      { kind: "intent", value: "track_order", weight: 0 },
    ],
  }),
  templateDraftSchema.parse({ name: "Bare", content: "" }),
];

describe("JSON interchange", () => {
  it("round-trips templates exactly", () => {
    const report = importTemplatesJson(exportTemplatesJson(sample));
    expect(report.rejected).toEqual([]);
    expect(report.templates).toStrictEqual(sample);
  });

  it("wraps templates in a versioned envelope", () => {
    expect(JSON.parse(exportTemplatesJson(sample))).toMatchObject({
      format: "parley.templates",
      version: 1,
      templates: [{ name: "Order Status Inquiry" }, { name: "Bare" }],
    });
  });

  it("reads the sample export and writes back the same data", () => {
    const text = readFixture("parley-templates.json");
    const report = importTemplatesJson(text);
    expect(report.rejected).toEqual([]);
    expect(report.templates.map((t) => t.name)).toEqual([
      "Order Status Inquiry",
      "Technical Support Resolution",
      "Rückerstattung bestätigt",
      "Formula-looking content",
    ]);
    // Compared as data: the formatter may re-wrap the committed file's arrays.
    expect(JSON.parse(exportTemplatesJson(report.templates))).toStrictEqual(JSON.parse(text));
  });

  it("reports malformed JSON without throwing", () => {
    const report = importTemplatesJson(
      '{"format": "parley.templates", "version": 1, "templates": [',
    );
    expect(report.templates).toEqual([]);
    expect(report.rejected).toEqual([
      { errors: [expect.stringMatching(/^The file is not valid JSON: /)] },
    ]);
  });

  it.each([
    [
      "[]",
      'This is not a Parley templates export: expected "format": "parley.templates" at the top level.',
    ],
    [
      '{"format":"parley.templates","version":2,"templates":[]}',
      "Unsupported export version 2; this Parley reads version 1.",
    ],
    ['{"format":"parley.templates","version":1}', 'The export has no "templates" list.'],
  ])("rejects the envelope %s", (text, message) => {
    expect(importTemplatesJson(text).rejected).toEqual([{ errors: [message] }]);
  });

  it("reports every rejected template with its index and name, and keeps the valid ones apart", () => {
    const text = JSON.stringify({
      format: "parley.templates",
      version: 1,
      templates: [
        { name: "Good", content: "Hi {a}", variables: [{ name: "a", type: "text" }] },
        { name: "Undeclared", content: "Hi {who}" },
        { name: "Huge", content: "x".repeat(1024 * 1024) },
        "not an object",
      ],
    });
    const report = importTemplatesJson(text);
    expect(report.templates.map((t) => t.name)).toEqual(["Good"]);
    expect(report.rejected).toEqual([
      {
        index: 1,
        name: "Undeclared",
        errors: [
          'content: The placeholder "who" at line 1, column 5 has no declared variable; declare it or correct the name.',
        ],
      },
      {
        index: 2,
        name: "Huge",
        errors: ["content: The content is 1,048,576 characters long; the limit is 20,000."],
      },
      { index: 3, errors: [expect.stringContaining("must be an object")] },
    ]);
  });

  it("checks intent triggers against the target workspace's vocabulary when given", () => {
    const text = exportTemplatesJson(sample);
    const report = importTemplatesJson(text, { vocabulary: { intents: ["get_refund"] } });
    expect(report.rejected).toEqual([
      {
        index: 0,
        name: "Order Status Inquiry",
        errors: ['triggers.2.value: Unknown intent "track_order"; known intents: get_refund.'],
      },
    ]);
  });
});
