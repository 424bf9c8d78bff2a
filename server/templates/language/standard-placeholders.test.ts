import { describe, expect, it } from "vitest";
import { runRegexInThread } from "@/server/templates/regex/regex-runner";
import { validateTemplate } from "../validate-template";
import { parseTemplate } from "./parse-template";
import { renderTemplate } from "./render-template";

const settings = { locale: "en-US", currency: "USD", timeZone: "UTC", runRegex: runRegexInThread };
const readme = "Hi {customer.first_name|there}, this is {agent.name|the Acme team}.";

describe("standard placeholders", () => {
  it("the README's example saves without declaring any variable", () => {
    const result = validateTemplate({ name: "Greeting", content: readme });
    expect(result.ok).toBe(true);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("renders the written fallback without a value, the value when given", () => {
    expect(renderTemplate(readme, [], {}, settings)).toMatchObject({
      output: "Hi there, this is the Acme team.",
      missing: [],
    });
    const filled = renderTemplate(
      readme,
      [],
      { "customer.first_name": "Jo", agent: { name: "Sam" } },
      settings,
    );
    expect(filled.output).toBe("Hi Jo, this is Sam.");
  });

  it("checks a standard email placeholder's value like a declared one", () => {
    const r = renderTemplate(
      "Write to {customer.email}",
      [],
      { "customer.email": "nope" },
      settings,
    );
    expect(r.invalid.map((i) => i.name)).toEqual(["customer.email"]);
  });

  it("a misspelled standard name is still an undeclared placeholder", () => {
    const { diagnostics } = parseTemplate("Hi {custmer.first_name}", []);
    expect(diagnostics.map((d) => d.code)).toEqual(["undeclared-variable"]);
  });
});
