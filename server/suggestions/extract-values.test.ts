import { describe, expect, it } from "vitest";
import { customerNameFrom, extractFromConversation, extractFromText } from "./extract-values";

describe("extractFromText", () => {
  it("takes order numbers in the ways customers write them", () => {
    expect(extractFromText("Where is order 12345?").orderNumber).toBe("12345");
    expect(extractFromText("my order number is A-1042, please help").orderNumber).toBe("A-1042");
    expect(extractFromText("Order #778812 never arrived").orderNumber).toBe("778812");
    expect(extractFromText("about #99812 again").orderNumber).toBe("99812");
    // No digit, no order number: "order status" is not an id.
    expect(extractFromText("what is my order status").orderNumber).toBeUndefined();
  });

  it("takes e-mails, dates and amounts with their currency", () => {
    const found = extractFromText(
      "Charged $49.90 on March 3 2026, send it to ada.l@example.com not the old one",
    );
    expect(found).toMatchObject({
      email: "ada.l@example.com",
      amount: "49.90",
      currency: "USD",
      date: "March 3 2026",
    });
    expect(extractFromText("refund of 1,200 euros by 2026-04-01")).toMatchObject({
      amount: "1200",
      currency: "EUR",
      date: "2026-04-01",
    });
    expect(extractFromText("delivered 12/03/2026").date).toBe("12/03/2026");
  });

  it("takes the name the customer gave, and not words that only look like one", () => {
    expect(extractFromText("Hi, my name is Maria Lopez and my card is blocked")).toMatchObject({
      firstName: "Maria",
      lastName: "Lopez",
      name: "Maria Lopez",
    });
    expect(extractFromText("I'm Tom. Where is my parcel?").firstName).toBe("Tom");
    expect(extractFromText("Where is my parcel?\nThanks,\nPriya").firstName).toBe("Priya");
    // A one-line chat message signed at its end.
    expect(
      extractFromText("Where is my order #A12345? I ordered last week. Thanks, Maria Lopez"),
    ).toMatchObject({ orderNumber: "A12345", firstName: "Maria", lastName: "Lopez" });
    expect(extractFromText("Card still blocked! Cheers, Sam.").firstName).toBe("Sam");
    // Not a sign-off: "Thanks" inside the message, or a sign-off to no one in particular.
    expect(
      extractFromText("Thanks Maria for the help, but it is still broken").name,
    ).toBeUndefined();
    expect(extractFromText("It works now. Thanks, Team").name).toBeUndefined();
    expect(extractFromText("I'm Unable to log in").firstName).toBeUndefined();
    expect(extractFromText("this is urgent").firstName).toBeUndefined();
  });
});

describe("extractFromConversation", () => {
  it("keeps earlier values the newest message lacks, and lets newer ones win", () => {
    const found = extractFromConversation([
      "Hello, I'm Jonas. My order 55501 has not arrived.",
      "Sorry, the order number is 55502",
      "Any news?",
    ]);
    expect(found).toMatchObject({ firstName: "Jonas", orderNumber: "55502" });
  });
});

describe("customerNameFrom", () => {
  it("gives the name extractFromConversation gives: the newest one a message states", () => {
    const threads = [
      ["Hello, I'm Jonas. My order 55501 has not arrived.", "Any news?"],
      ["I'm Jonas.", "Where is it? Thanks, Maria"],
      ["Where is my order?", "Still nothing."],
      [],
    ];
    for (const messages of threads) {
      expect(customerNameFrom(messages)).toBe(extractFromConversation(messages).name);
    }
    expect(threads.map(customerNameFrom)).toEqual(["Jonas", "Maria", undefined, undefined]);
  });
});
