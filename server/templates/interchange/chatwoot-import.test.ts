import { describe, expect, it } from "vitest";
import { importChatwootCannedResponses } from "./chatwoot-import";
import { readFixture } from "./fixtures/read-fixture";

describe("importChatwootCannedResponses: the sample export", () => {
  const report = importChatwootCannedResponses(readFixture("chatwoot-canned-responses.json"));
  const byName = new Map(report.templates.map((t) => [t.name, t]));

  it("imports each canned response under its short code, active", () => {
    expect(report.templates.map((t) => t.name)).toEqual([
      "greet",
      "order-status",
      "refund-policy",
      "plan-upgrade",
      "callback",
      "vip",
      "closing",
    ]);
    expect(report.templates.every((t) => t.status === "active" && t.category === null)).toBe(true);
  });

  it("maps contact, agent, conversation, inbox and account variables", () => {
    expect(byName.get("order-status")).toMatchObject({
      content:
        "Hi {customer.name},\n\nI've looked up your order from conversation #{conversation.id}: it left our warehouse this morning. You'll get a tracking email at {customer.email} shortly.",
      variables: [
        { name: "customer.name", type: "text", required: true },
        { name: "conversation.id", type: "text", required: true },
        { name: "customer.email", type: "email", required: true },
      ],
    });
    expect(byName.get("greet")?.content).toBe(
      "Hi {customer.first_name}, thanks for reaching out to {workspace.name}! I'm {agent.name} and I'll be helping you today.",
    );
    expect(byName.get("closing")?.variables.map((v) => `${v.name}:${v.type}`)).toEqual([
      "conversation.id:text",
      "agent.name:text",
      "agent.email:email",
    ]);
  });

  it("lists custom attributes and Liquid tags as unmapped, kept as literal text", () => {
    expect(report.unmapped).toEqual([
      { template: "plan-upgrade", placeholders: ["{{contact.custom_attribute.plan}}"] },
      { template: "vip", placeholders: ["{% if contact.custom_attribute.vip %}", "{% endif %}"] },
    ]);
    expect(byName.get("plan-upgrade")?.content).toContain(
      "on the {{{{contact.custom_attribute.plan}}}} plan",
    );
  });

  it("rejects the response with a blank short code", () => {
    expect(report.rejected).toEqual([{ index: 7, errors: ["name: A template needs a name."] }]);
  });
});

describe("importChatwootCannedResponses: other shapes and bad input", () => {
  it("accepts { payload: [...] }", () => {
    const text = JSON.stringify({
      payload: [{ id: 1, short_code: "hi", content: "Hi {{contact.name}}" }],
    });
    expect(importChatwootCannedResponses(text).templates).toMatchObject([
      { name: "hi", content: "Hi {customer.name}" },
    ]);
  });

  it("reports entries with missing fields and a file of the wrong shape", () => {
    const text = JSON.stringify([{ id: 1, content: "x" }, { short_code: "y" }]);
    expect(importChatwootCannedResponses(text).rejected).toEqual([
      { index: 0, errors: ["The canned response has no short_code."] },
      { index: 1, errors: ["The canned response has no content."] },
    ]);
    expect(importChatwootCannedResponses('{"data": 1}').rejected).toEqual([
      {
        errors: [
          'This is not a Chatwoot canned responses export: expected [ ... ] or { "payload": [ ... ] }.',
        ],
      },
    ]);
    expect(importChatwootCannedResponses("").rejected[0]?.errors[0]).toMatch(
      /^The file is not valid JSON/,
    );
  });
});
