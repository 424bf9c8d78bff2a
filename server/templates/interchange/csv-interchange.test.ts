import { describe, expect, it } from "vitest";
import { templateDraftSchema } from "../language/template-schema";
import { exportTemplatesCsv, importTemplatesCsv } from "./csv-interchange";
import { readFixture } from "./fixtures/read-fixture";

describe("importTemplatesCsv: the sample file", () => {
  const report = importTemplatesCsv(readFixture("templates.csv"));

  it("imports the good rows, including quoted multi-line content", () => {
    expect(report.templates.map((t) => t.name)).toEqual([
      "Greeting",
      "Refund status",
      "Shipping address change",
      "Price formula",
      "Literal braces",
      "Order status",
    ]);
    const refund = report.templates[1];
    expect(refund?.content).toBe(
      "Hi {customer.first_name},\r\n\r\nYour refund of {refund_amount} for order {order_id} was issued on {refund_date}.\r\nIt can take 5-10 business days to show up, depending on your bank.\r\n\r\nBest, {agent.name}",
    );
    expect(refund?.category).toBe("Billing");
  });

  it("rejects the bad row with its 1-based line", () => {
    expect(report.rejected).toEqual([
      {
        line: 10,
        name: "Broken row",
        errors: ["Unexpected text after a closing quote at line 10, column 55."],
      },
    ]);
  });

  it("declares variables for the placeholders, with types guessed from their names", () => {
    const refund = report.templates[1];
    expect(refund?.variables).toEqual([
      { name: "customer.first_name", type: "text", required: true },
      { name: "refund_amount", type: "currency", required: true },
      { name: "order_id", type: "text", required: true },
      { name: "refund_date", type: "date", required: true },
      { name: "agent.name", type: "text", required: true },
    ]);
    expect(report.templates[0]?.variables).toEqual([
      { name: "customer.first_name", type: "text", required: false },
    ]);
  });

  it("reads ;-separated triggers: one word a keyword, several a phrase", () => {
    expect(report.templates[5]?.triggers).toEqual([
      { kind: "phrase", value: "order status", weight: 1, active: true },
      { kind: "phrase", value: "where is my order", weight: 1, active: true },
      { kind: "keyword", value: "tracking", weight: 1, active: true },
    ]);
  });

  it("undoes formula neutralising and keeps literal braces", () => {
    expect(report.templates[3]?.content).toBe("=Price includes VAT of {vat_rate}.");
    expect(report.templates[4]?.content).toBe(
      'Send us the error, e.g. {{"code": 500}}, and your account email {customer.email}.',
    );
    expect(report.templates[4]?.variables).toEqual([
      { name: "customer.email", type: "email", required: true },
    ]);
  });
});

describe("importTemplatesCsv: bad input", () => {
  it("reports every bad row by line: wrong width, missing name, content errors", () => {
    const csv = [
      "name,category,content,triggers",
      "Ok,General,Hello,hi",
      "Short,General,Hello",
      ",General,No name,",
      'Broken,General,"Dear {customer_name, thanks",',
      "Big,General,{a} {b},",
    ].join("\n");
    const report = importTemplatesCsv(csv);
    expect(report.templates.map((t) => t.name)).toEqual(["Ok", "Big"]);
    expect(report.rejected).toEqual([
      { line: 3, name: "Short", errors: ["Expected 4 fields as in the header, found 3."] },
      { line: 4, errors: ["name: A template needs a name."] },
      {
        line: 5,
        name: "Broken",
        errors: [
          "content: Unclosed placeholder starting at line 1, column 6: close it with } or write {{ for a literal brace.",
        ],
      },
    ]);
  });

  it("needs a header with name and content, in any order, ignoring extra columns", () => {
    expect(importTemplatesCsv("title,body\nA,B").rejected).toEqual([
      {
        errors: [
          "The first line must be a header with the columns name, category, content, triggers; missing: name, content.",
        ],
      },
    ]);
    const reordered = importTemplatesCsv("Content,notes,NAME\nHello,ignored,Greeting\n");
    expect(reordered.templates).toMatchObject([
      { name: "Greeting", content: "Hello", category: null },
    ]);
  });

  it("reports an empty file and an unreadable header without throwing", () => {
    expect(importTemplatesCsv(" \n").rejected).toEqual([{ errors: ["The CSV file is empty."] }]);
    expect(importTemplatesCsv('name,"content\nx,y').rejected[0]?.errors[0]).toMatch(
      /^The header line cannot be read: Unterminated quoted field starting at line 1, column 6/,
    );
  });
});

describe("exportTemplatesCsv", () => {
  const drafts = [
    templateDraftSchema.parse({
      name: '=HYPERLINK("http://evil")',
      category: "Billing",
      content: '-Refund of {amount}, "soon"\nthanks',
      variables: [{ name: "amount", type: "currency", required: true }],
      triggers: [
        { kind: "keyword", value: "refund" },
        { kind: "phrase", value: "money back; now" },
        { kind: "regex", value: "\\d+" },
      ],
    }),
  ];

  it("neutralises formula cells and quotes as needed", () => {
    const csv = exportTemplatesCsv(drafts);
    expect(csv).toBe(
      'name,category,content,triggers\r\n"\'=HYPERLINK(""http://evil"")",Billing,"\'-Refund of {amount}, ""soon""\nthanks",refund; money back  now\r\n',
    );
  });

  it("imports back what CSV carries: name, category, content and keyword/phrase triggers", () => {
    const [back] = importTemplatesCsv(exportTemplatesCsv(drafts)).templates;
    expect(back).toMatchObject({
      name: drafts[0]?.name,
      category: "Billing",
      content: drafts[0]?.content,
      triggers: [
        { kind: "keyword", value: "refund" },
        { kind: "phrase", value: "money back  now" },
      ],
    });
  });
});
