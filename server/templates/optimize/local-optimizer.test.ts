import { describe, expect, it } from "vitest";
import { analyseTemplate, optimizeLocally, placeholderNames } from "./local-optimizer";
import { countSyllables, readingEase } from "./readability";

const rules = (content: string, declared: string[] = [], language = "en") =>
  analyseTemplate(content, declared, language).findings.map((f) => f.rule);

describe("the local optimiser's findings (rule-based, not AI)", () => {
  it("finds nothing to say about a good reply", () => {
    expect(
      rules(
        "Hi {customer.first_name|there}, your refund is on its way. It takes five days. Best regards",
        [],
      ),
    ).toEqual([]);
  });

  it("missing greeting and closing", () => {
    expect(
      rules("Your refund of {amount} is on its way to {customer.first_name}.", ["amount"]),
    ).toEqual(["greeting", "closing"]);
  });

  it("length: long replies and curt ones, with the word count", () => {
    const long = `Hi there, ${"we will look into this for you today. ".repeat(25)}Thanks`;
    const finding = analyseTemplate(long, []).findings.find((f) => f.rule === "length");
    expect(finding).toMatchObject({ severity: "warning", value: 8 * 25 + 3 });
    expect(
      analyseTemplate("Hi. Done. Thanks", []).findings.find((f) => f.rule === "length"),
    ).toMatchObject({ value: 3, severity: "info" });
  });

  it("reading ease: hard text is flagged with its Flesch score, plain text is not", () => {
    const hard =
      "Hello, notwithstanding considerable organisational complications, reimbursement authorisation necessitates comprehensive documentation verification procedures. Regards";
    const finding = analyseTemplate(hard, []).findings.find((f) => f.rule === "reading_ease");
    expect(finding?.value).toBeLessThan(30);
    expect(rules("Hi there, we sent it today. You will get it soon. Thanks")).not.toContain(
      "reading_ease",
    );
  });

  it("passive voice, quoted", () => {
    const findings = analyseTemplate(
      "Hi, your parcel was sent and the refund has been issued. Thanks",
      [],
    ).findings;
    expect(findings.filter((f) => f.rule === "passive_voice").map((f) => f.value)).toEqual([
      "was sent",
      "been issued",
    ]);
  });

  it("unused and undeclared variables", () => {
    const findings = analyseTemplate(
      "Hi {customer.first_name|there}, order {order_id} ships on {ship_date}. Thanks",
      ["order_id", "total"],
    ).findings;
    expect(findings.filter((f) => f.rule === "unused_variable").map((f) => f.value)).toEqual([
      "total",
    ]);
    expect(findings.filter((f) => f.rule === "undeclared_variable").map((f) => f.value)).toEqual([
      "ship_date",
    ]);
  });

  it("places to personalise: generic addresses, and replies that never name the customer", () => {
    expect(
      analyseTemplate("Dear customer, thanks for writing. Best regards", []).findings.find(
        (f) => f.rule === "personalise",
      )?.severity,
    ).toBe("warning");
    expect(
      analyseTemplate("Hello, thanks for writing. Best regards", []).findings.find(
        (f) => f.rule === "personalise",
      )?.severity,
    ).toBe("info");
  });

  it("English-only rules (greeting, closing, reading ease, passive) stay quiet for other languages", () => {
    expect(rules("Votre commande {order_id} a été envoyée.", ["order_id"], "fr")).toEqual([
      "length",
      "personalise",
    ]);
  });

  it("the rewrite only adds a plain greeting and closing, and never a placeholder", () => {
    const content = "Your order {order_id} shipped.";
    const result = optimizeLocally(content, ["order_id"]);
    expect(result.optimizedTemplate).toBe(
      "Hi there,\n\nYour order {order_id} shipped.\n\nBest regards",
    );
    expect(placeholderNames(result.optimizedTemplate)).toEqual(placeholderNames(content));
    expect(result.improvementAreas.slice(0, 2).map((a) => a.area)).toEqual(["Greeting", "Closing"]);
    expect(result.metrics).toMatchObject({ words: 4, sentences: 1, passiveCount: 0 });
  });
});

describe("readability", () => {
  it("counts syllables the usual way", () => {
    expect(["cat", "refund", "delivery", "shipped", "the"].map(countSyllables)).toEqual([
      1, 2, 4, 1, 1,
    ]);
  });
  it("scores plain sentences high and dense ones low", () => {
    expect(readingEase("The cat sat on the mat. We sent it.") ?? 0).toBeGreaterThan(90);
    expect(
      readingEase("Comprehensive organisational documentation necessitates verification.") ?? 100,
    ).toBeLessThan(0);
    expect(readingEase("")).toBeNull();
  });
});
