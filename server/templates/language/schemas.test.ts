import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { templateDraftSchema } from "./template-schema";
import { templateTriggerSchema } from "./trigger-schema";
import { templateVariableSchema } from "./variable-schema";

const messages = (result: { success: boolean; error?: z.ZodError }) =>
  result.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) ?? [];

describe("templateDraftSchema", () => {
  it("fills defaults for a minimal draft", () => {
    expect(templateDraftSchema.parse({ name: " Greeting ", content: "Hi" })).toEqual({
      name: "Greeting",
      category: null,
      content: "Hi",
      status: "draft",
      tags: [],
      language: "en",
      variables: [],
      triggers: [],
    });
  });

  it("rejects 1 MB of content with the size and the limit", () => {
    const result = templateDraftSchema.safeParse({ name: "Big", content: "x".repeat(1024 * 1024) });
    expect(messages(result)).toEqual([
      "content: The content is 1,048,576 characters long; the limit is 20,000.",
    ]);
  });

  it("rejects 500 variables with the count and the limit", () => {
    const variables = Array.from({ length: 500 }, (_, i) => ({ name: `v${i}`, type: "text" }));
    const result = templateDraftSchema.safeParse({ name: "Many", content: "x", variables });
    expect(messages(result)).toEqual([
      "variables: The template declares 500 variables; the limit is 50.",
    ]);
  });

  it("rejects a variable declared twice and a repeated tag", () => {
    const result = templateDraftSchema.safeParse({
      name: "Dup",
      content: "{a}",
      tags: ["x", "x"],
      variables: [
        { name: "a", type: "text" },
        { name: "a", type: "number" },
      ],
    });
    expect(messages(result)).toEqual([
      'variables.1.name: The variable "a" is declared twice.',
      'tags: The tag "x" is listed twice.',
    ]);
  });

  it("rejects a bad language tag and an unknown status", () => {
    const result = templateDraftSchema.safeParse({
      name: "L",
      content: "",
      language: "english!",
      status: "live",
    });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["status", "language"]);
  });
});

describe("templateVariableSchema", () => {
  it.each(["customer", "_x", "customer.first_name", "a1.b_2.c"])("accepts the name %s", (name) => {
    expect(templateVariableSchema.safeParse({ name, type: "text" }).success).toBe(true);
  });

  it.each(["", "1st", "first-name", "a..b", "a.", ".a", "a b", "é", "x".repeat(65)])(
    "rejects the name %j",
    (name) => {
      expect(templateVariableSchema.safeParse({ name, type: "text" }).success).toBe(false);
    },
  );

  it("requires non-empty, unique options for select, and none for other types", () => {
    expect(messages(templateVariableSchema.safeParse({ name: "s", type: "select" }))).toEqual([
      'options: The select variable "s" needs at least one option.',
    ]);
    expect(
      messages(
        templateVariableSchema.safeParse({ name: "s", type: "select", options: ["a", "b", "a"] }),
      ),
    ).toEqual(['options: The option "a" is listed twice.']);
    expect(
      messages(templateVariableSchema.safeParse({ name: "t", type: "text", options: ["a"] })),
    ).toEqual(['options: Only select variables have options; "t" is text.']);
  });

  it("rejects an invalid or catastrophic validation pattern", () => {
    const invalid = templateVariableSchema.safeParse({ name: "p", type: "text", pattern: "[a-" });
    expect(messages(invalid)[0]).toMatch(/^pattern: Invalid regular expression: /);
    const evil = templateVariableSchema.safeParse({
      name: "p",
      type: "text",
      pattern: "(\\w+\\s?)+",
    });
    expect(messages(evil)[0]).toMatch(/^pattern: The regular expression repeats a group/);
  });
});

describe("templateTriggerSchema", () => {
  it("fills weight and active", () => {
    expect(templateTriggerSchema.parse({ kind: "phrase", value: " where is my order " })).toEqual({
      kind: "phrase",
      value: "where is my order",
      weight: 1,
      active: true,
    });
  });

  it("reports an invalid regex with the engine's message", () => {
    const result = templateTriggerSchema.safeParse({ kind: "regex", value: "order (#\\d+" });
    expect(messages(result)).toEqual([
      "value: Invalid regular expression: /order (#\\d+/i: Unterminated group",
    ]);
  });

  it("rejects a catastrophically backtracking regex when it is saved", () => {
    const result = templateTriggerSchema.safeParse({ kind: "regex", value: "(a+)+$" });
    expect(messages(result)[0]).toContain("can take exponential time");
  });

  it("rejects weights outside 0–10 and empty values", () => {
    expect(
      templateTriggerSchema.safeParse({ kind: "keyword", value: "x", weight: 11 }).success,
    ).toBe(false);
    expect(templateTriggerSchema.safeParse({ kind: "keyword", value: "   " }).success).toBe(false);
  });
});
