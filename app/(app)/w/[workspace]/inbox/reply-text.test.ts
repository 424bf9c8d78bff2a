import { describe, expect, it } from "vitest";
import {
  confidenceLabel,
  conversationLabel,
  customerFacts,
  nextPlaceholder,
  noConfidentNote,
  suggestionContext,
  valuesFromCustomer,
} from "./reply-text";

describe("nextPlaceholder", () => {
  const text = "Hi Ada, order AB-1 ships on {ship_date} for {total|the total}.";
  it("finds the next unfilled variable after the caret, wrapping around", () => {
    const first = nextPlaceholder(text, 0);
    expect(first && text.slice(first.start, first.end)).toBe("{ship_date}");
    const second = nextPlaceholder(text, (first?.end ?? 0) + 1);
    expect(second && text.slice(second.start, second.end)).toBe("{total|the total}");
    const wrapped = nextPlaceholder(text, text.length);
    expect(wrapped?.start).toBe(first?.start);
    expect(nextPlaceholder("All filled in.", 0)).toBeNull();
  });
});

describe("values from the customer panel", () => {
  it("fills the standard customer placeholders and the order number", () => {
    const customer = {
      name: "Ada Lovelace",
      email: "ada@example.test",
      orderNumbers: ["A-1", "B-2"],
    };
    expect(valuesFromCustomer(customer)).toMatchObject({
      "customer.first_name": "Ada",
      "customer.last_name": "Lovelace",
      order_id: "B-2",
    });
    expect(suggestionContext(customer)).toEqual({
      customer: {
        name: "Ada Lovelace",
        first_name: "Ada",
        last_name: "Lovelace",
        email: "ada@example.test",
      },
      order: { id: "B-2", number: "B-2" },
    });
  });
});

describe("noConfidentNote", () => {
  it("tells the agent why nothing is confident", () => {
    expect(noConfidentNote("unfamiliar_words")).toMatch(/never appeared in the training data/);
    expect(noConfidentNote("out_of_scope")).toMatch(/no template answers/);
    expect(noConfidentNote("below_threshold")).toBe("No confident suggestion — weak candidates:");
  });

  it("names the unfamiliar words when the answer gives them", () => {
    expect(noConfidentNote("unfamiliar_words", ["lasagne", "mozzarella"])).toBe(
      "No confident suggestion: most words of this message (lasagne, mozzarella) never appeared in the training data. Weak candidates:",
    );
    expect(noConfidentNote("unfamiliar_words", [])).not.toContain("(");
  });
});

describe("confidenceLabel", () => {
  it("rounds to whole percent but never claims certainty or zero", () => {
    expect(confidenceLabel(0.996)).toBe(">99%");
    expect(confidenceLabel(1)).toBe("100%");
    expect(confidenceLabel(0.994)).toBe("99%");
    expect(confidenceLabel(0.42)).toBe("42%");
    expect(confidenceLabel(0.004)).toBe("<1%");
    expect(confidenceLabel(0)).toBe("0%");
  });
});

describe("customerFacts", () => {
  it("shows what the help desk stored, and what the customer wrote only where it stored nothing", () => {
    const written = { name: "Maria", email: "maria@example.test", orderNumber: "A12345" };
    expect(customerFacts({}, written)).toEqual([
      { label: "Name", value: "Maria", fromMessages: true },
      { label: "E-mail", value: "maria@example.test", fromMessages: true },
      { label: "Orders", value: "A12345", fromMessages: true },
    ]);
    expect(customerFacts({ name: "Maria Lopez", orderNumbers: ["B-1", "B-2"] }, written)).toEqual([
      { label: "Name", value: "Maria Lopez", fromMessages: false },
      { label: "E-mail", value: "maria@example.test", fromMessages: true },
      { label: "Orders", value: "B-1, B-2", fromMessages: false },
    ]);
    // Before the suggestions answer, or when the customer wrote none of them: dashes.
    for (const values of [null, {}]) {
      expect(customerFacts({}, values).map((f) => [f.value, f.fromMessages])).toEqual([
        [null, false],
        [null, false],
        [null, false],
      ]);
    }
  });
});

describe("conversationLabel", () => {
  it("names a conversation by what the help desk stored, else by the customer's sign-off, else its id", () => {
    expect(conversationLabel({ name: "Maria Lopez" }, "Maria", "hd-1")).toEqual({
      label: "Maria Lopez",
      fromMessages: false,
    });
    expect(conversationLabel({ email: "m@example.test" }, "Maria", "hd-1")).toEqual({
      label: "m@example.test",
      fromMessages: false,
    });
    expect(conversationLabel({}, "Maria", "hd-1")).toEqual({ label: "Maria", fromMessages: true });
    expect(conversationLabel(null, undefined, "hd-1")).toEqual({
      label: "hd-1",
      fromMessages: false,
    });
    expect(conversationLabel({}, null, "hd-1")).toEqual({ label: "hd-1", fromMessages: false });
  });
});
