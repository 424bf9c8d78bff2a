import { describe, expect, it } from "vitest";
import { validateTemplate } from "./validate-template";

const base = {
  name: "Order status",
  content: "Hi {name}, order {order_id}.",
  variables: [
    { name: "name", type: "text" },
    { name: "order_id", type: "text", required: true },
  ],
};

describe("validateTemplate", () => {
  it("accepts a valid draft and returns it with defaults", () => {
    const result = validateTemplate(base);
    expect(result).toMatchObject({ ok: true, issues: [], diagnostics: [] });
    expect(result.draft?.status).toBe("draft");
  });

  it("reports shape problems by path and skips parsing", () => {
    const result = validateTemplate({ ...base, variables: [{ name: "1x", type: "colour" }] });
    expect(result.ok).toBe(false);
    expect(result.draft).toBeNull();
    expect(result.issues.map((i) => i.path)).toEqual(["variables.0.name", "variables.0.type"]);
  });

  it("blocks on parser errors but not on warnings", () => {
    const unused = validateTemplate({ ...base, content: "Order {order_id}." });
    expect(unused.ok).toBe(true);
    expect(unused.diagnostics).toMatchObject([
      { severity: "warning", code: "unused-variable", name: "name" },
    ]);

    const broken = validateTemplate({ ...base, content: "Hi {name, order {order_id}." });
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics[0]).toMatchObject({
      code: "unclosed-placeholder",
      line: 1,
      column: 4,
    });
  });

  it("checks intent triggers against the vocabulary only when one is given", () => {
    const draft = { ...base, triggers: [{ kind: "intent", value: "track_order" }] };
    expect(validateTemplate(draft).ok).toBe(true);
    expect(validateTemplate(draft, { intents: ["get_refund"] }).issues).toEqual([
      {
        path: "triggers.0.value",
        message: 'Unknown intent "track_order"; known intents: get_refund.',
      },
    ]);
  });

  it("rejects 1 MB of content and 500 variables with clear messages", () => {
    const result = validateTemplate({
      ...base,
      content: "x".repeat(1024 * 1024),
      variables: Array.from({ length: 500 }, (_, i) => ({ name: `v${i}`, type: "text" })),
    });
    expect(result.issues).toEqual([
      {
        path: "content",
        message: "The content is 1,048,576 characters long; the limit is 20,000.",
      },
      { path: "variables", message: "The template declares 500 variables; the limit is 50." },
    ]);
  });
});
