import { describe, expect, it } from "vitest";
import { csvCell } from "./download";
import { labelToName } from "./labels";

describe("download CSV cells", () => {
  it("quotes commas, quotes and newlines, and defuses spreadsheet formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", then')).toBe('"say ""hi"", then"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("-1,2")).toBe('"\'-1,2"');
  });
});

describe("template names from labels", () => {
  it("turns snake_case and dotted labels into a readable name", () => {
    expect(labelToName("refund_request")).toBe("Refund request");
    expect(labelToName("billing.card-declined")).toBe("Billing card declined");
    expect(labelToName("___")).toBe("Unnamed label");
  });
});
