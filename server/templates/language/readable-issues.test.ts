import { describe, expect, it } from "vitest";
import { validateTemplate } from "../validate-template";
import { fieldNoun } from "./readable-issues";

describe("template validation messages are written for people", () => {
  it("names the field and the limit instead of zod's wording", () => {
    const { issues } = validateTemplate({
      name: "Order",
      content: "Hi",
      tags: ["ok", "x".repeat(51)],
      language: "",
      variables: [{ name: "plan", type: "select", options: ["y".repeat(201)] }],
      triggers: [{ kind: "shout", value: "hi" }],
    });
    const messages = issues.map((i) => i.message);
    expect(messages).toContain("A tag is 51 characters long; the limit is 50.");
    expect(messages).toContain("An option is 201 characters long; the limit is 200.");
    expect(messages.join(" ")).not.toMatch(/Too big|expected string|Invalid input/);
    expect(
      messages.some((m) => m.startsWith("The kind of trigger 1 must be one of: keyword")),
    ).toBe(true);
  });

  it("fieldNoun", () => {
    expect(fieldNoun(["tags", 0])).toBe("Tag 1");
    expect(fieldNoun(["variables", 2, "fallback"])).toBe("The fallback of variable 3");
    expect(fieldNoun(["name"])).toBe("The name");
  });
});
