import { describe, expect, it } from "vitest";
import { runRegexInThread } from "../regex/regex-runner";
import { renderTemplate } from "./render-template";
import { type TemplateVariable, templateVariableSchema } from "./variable-schema";

// The renderer is pure and synchronous; these tests use trusted patterns, so run them in-thread.
// Untrusted patterns go through the worker pool (regex-worker-pool.test.ts, render int tests).
const runRegex = runRegexInThread;
const US = { locale: "en-US", currency: "USD", timeZone: "America/New_York", runRegex } as const;
const DE = { locale: "de-DE", currency: "EUR", timeZone: "Europe/Berlin", runRegex } as const;
const NBSP = "\u00a0";

const v = (variable: Partial<TemplateVariable> & { name: string }): TemplateVariable =>
  templateVariableSchema.parse({ type: "text", ...variable });

describe("renderTemplate: fallbacks and missing values", () => {
  const variables = [
    v({ name: "customer.first_name", required: true, fallback: "there" }),
    v({ name: "order_id", required: true }),
    v({ name: "coupon" }),
  ];

  it("uses the provided value first, from flat or nested values", () => {
    const content = "Hi {customer.first_name|friend}, order {order_id}.";
    expect(
      renderTemplate(content, variables, { "customer.first_name": "Ada", order_id: "A-1" }, US)
        .output,
    ).toBe("Hi Ada, order A-1.");
    expect(
      renderTemplate(content, variables, { customer: { first_name: "Bo" }, order_id: "A-2" }, US)
        .output,
    ).toBe("Hi Bo, order A-2.");
  });

  it("falls back to the placeholder fallback, then the declared fallback", () => {
    const values = { order_id: "7", "customer.first_name": "  " };
    expect(renderTemplate("Hi {customer.first_name|friend}", variables, values, US).output).toBe(
      "Hi friend",
    );
    expect(renderTemplate("Hi {customer.first_name}", variables, values, US).output).toBe(
      "Hi there",
    );
  });

  it("lists every missing required variable once, in order, and shows the gap", () => {
    const vars = [
      v({ name: "a", required: true }),
      v({ name: "b", required: true }),
      v({ name: "c" }),
    ];
    const result = renderTemplate("{b} {a} {b} [{c}]", vars, {}, US);
    expect(result.missing).toEqual(["b", "a"]);
    expect(result.output).toBe("{b} {a} {b} []");
  });

  it("does not read inherited properties as values", () => {
    const vars = [v({ name: "constructor", required: true })];
    expect(renderTemplate("{constructor}", vars, {}, US).missing).toEqual(["constructor"]);
  });

  it("treats an undeclared placeholder as a required text variable and reports it", () => {
    const result = renderTemplate("Hi {who}", [], {}, US);
    expect(result.missing).toEqual(["who"]);
    expect(result.diagnostics).toMatchObject([{ code: "undeclared-variable", name: "who" }]);
  });

  it("renders literal braces and keeps broken placeholders as text", () => {
    const result = renderTemplate("{{code}} {} {x}", [v({ name: "x" })], { x: "1" }, US);
    expect(result.output).toBe("{code} {} 1");
    expect(result.diagnostics).toMatchObject([{ code: "empty-name" }]);
  });
});

describe("renderTemplate: typed formatting", () => {
  const vars = [
    v({ name: "due", type: "date" }),
    v({ name: "total", type: "currency" }),
    v({ name: "qty", type: "number" }),
  ];
  const content = "{due} | {total} | {qty}";

  it("formats dates, currency and numbers for en-US with USD", () => {
    const values = { due: "2024-03-05", total: "1234.5", qty: 1234567.891 };
    expect(renderTemplate(content, vars, values, US).output).toBe(
      "March 5, 2024 | $1,234.50 | 1,234,567.891",
    );
  });

  it("formats them for de-DE with EUR", () => {
    const values = { due: "2024-03-05", total: 1234.5, qty: "1234567.891" };
    expect(renderTemplate(content, vars, values, DE).output).toBe(
      `5. März 2024 | 1.234,50${NBSP}€ | 1.234.567,891`,
    );
  });

  it("shows currency in the workspace's currency", () => {
    const total = [v({ name: "total", type: "currency" })];
    expect(renderTemplate("{total}", total, { total: 20 }, { ...US, currency: "EUR" }).output).toBe(
      "€20.00",
    );
  });

  it("shows instants in the workspace time zone and wall-clock times as written", () => {
    const due = [v({ name: "due", type: "date" })];
    expect(renderTemplate("{due}", due, { due: "2024-03-05T14:30:00Z" }, US).output).toMatch(
      // ICU versions differ on the space before AM: a plain or a narrow no-break one.
      /^March 5, 2024 at 9:30[ \u202f]AM$/,
    );
    expect(renderTemplate("{due}", due, { due: "2024-03-05T14:30+00:00" }, DE).output).toBe(
      "5. März 2024 um 15:30",
    );
    expect(renderTemplate("{due}", due, { due: "2024-03-05T14:30" }, DE).output).toBe(
      "5. März 2024 um 14:30",
    );
  });

  it("keeps a calendar date on its day whatever the time zone", () => {
    const due = [v({ name: "due", type: "date" })];
    const tokyo = { ...US, timeZone: "Pacific/Kiritimati" };
    expect(renderTemplate("{due}", due, { due: "2024-12-31" }, tokyo).output).toBe(
      "December 31, 2024",
    );
  });

  it.each(["2024-02-30", "next tuesday", "2024-13-01", "2024-03-05T25:00", "05/03/2024"])(
    "reports the unparseable date %s as invalid and shows it as given",
    (due) => {
      const result = renderTemplate("Due {due}", [v({ name: "due", type: "date" })], { due }, US);
      expect(result.output).toBe(`Due ${due}`);
      expect(result.invalid).toEqual([
        { name: "due", message: expect.stringContaining("is not a date") },
      ]);
    },
  );

  it("rejects numbers written with grouping, which differ between locales", () => {
    const result = renderTemplate(
      "{qty}",
      [v({ name: "qty", type: "number" })],
      { qty: "1,234" },
      US,
    );
    expect(result.invalid).toEqual([
      { name: "qty", message: '"1,234" is not a number; write it like 1234.5.' },
    ]);
  });
});

describe("renderTemplate: validation", () => {
  const status = v({ name: "status", type: "select", options: ["shipped", "delivered"] });

  it("accepts a select value among the options and rejects another", () => {
    expect(renderTemplate("{status}", [status], { status: "shipped" }, US).invalid).toEqual([]);
    expect(renderTemplate("{status}", [status], { status: "lost" }, US).invalid).toEqual([
      { name: "status", message: '"lost" is not one of the options: shipped, delivered.' },
    ]);
  });

  it("validates emails and web addresses, refusing javascript: URLs", () => {
    const vars = [v({ name: "mail", type: "email" }), v({ name: "link", type: "url" })];
    const good = renderTemplate(
      "{mail} {link}",
      vars,
      { mail: "a@b.co", link: "https://x.io/a?b=1" },
      US,
    );
    expect(good.invalid).toEqual([]);
    const bad = renderTemplate(
      "{mail} {link}",
      vars,
      { mail: "a@b", link: "javascript:alert(1)" },
      US,
    );
    expect(bad.invalid.map((i) => i.name)).toEqual(["mail", "link"]);
  });

  it("checks values against the variable's pattern as a whole-value match", () => {
    const order = v({ name: "order", pattern: "[A-Z]{2}-\\d{4}", description: "like AB-1234" });
    expect(renderTemplate("{order}", [order], { order: "AB-1234" }, US).invalid).toEqual([]);
    expect(renderTemplate("{order}", [order], { order: "xAB-1234" }, US).invalid).toEqual([
      { name: "order", message: '"xAB-1234" does not have the expected format (like AB-1234).' },
    ]);
  });

  it("reports a pattern the runner could not finish as an invalid value", () => {
    const order = v({ name: "order", pattern: "[A-Z]{2}-\\d{4}" });
    const stopped = () => ({ ok: false, reason: "timeout", message: "It was stopped." }) as const;
    const result = renderTemplate(
      "{order}",
      [order],
      { order: "AB-1234" },
      {
        ...US,
        runRegex: stopped,
      },
    );
    expect(result.invalid).toEqual([
      { name: "order", message: '"AB-1234" could not be checked: It was stopped.' },
    ]);
  });

  it("screens an unsaved nested-repetition pattern before running it", () => {
    const evil = { name: "x", type: "text" as const, required: false, pattern: "(a+)+" };
    const result = renderTemplate("{x}", [evil], { x: `${"a".repeat(36)}!` }, US);
    expect(result.invalid[0]?.message).toContain("cannot be checked");
  });
});

describe("renderTemplate: escaping", () => {
  const vars = [v({ name: "name" })];
  const values = { name: '<script>alert("x")</script>' };

  it("escapes values and literal text in HTML, so a script renders inert", () => {
    const result = renderTemplate("<b>Hi</b> {name} & {{ok}}", vars, values, {
      ...US,
      format: "html",
    });
    expect(result.output).toBe(
      "<p>&lt;b&gt;Hi&lt;/b&gt; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; {ok}</p>",
    );
    expect(result.output).not.toContain("<script");
  });

  it("escapes fallbacks in HTML", () => {
    const result = renderTemplate("{name|<i>you</i>}", vars, {}, { ...US, format: "html" });
    expect(result.output).toBe("<p>&lt;i&gt;you&lt;/i&gt;</p>");
  });

  it("leaves plain text unescaped", () => {
    expect(renderTemplate("Hi {name} & co", vars, values, US).output).toBe(
      'Hi <script>alert("x")</script> & co',
    );
  });
});

describe("renderTemplate: settings", () => {
  it("throws a clear error for an unknown currency or time zone", () => {
    expect(() => renderTemplate("x", [], {}, { ...US, currency: "XYZ" })).toThrow(
      'Unknown currency code "XYZ".',
    );
    expect(() => renderTemplate("x", [], {}, { ...US, timeZone: "Mars/Base" })).toThrow(
      'Unknown time zone "Mars/Base".',
    );
  });
});
