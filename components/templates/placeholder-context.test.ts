import { describe, expect, it } from "vitest";
import { filterNames, placeholderAt } from "./placeholder-context";

describe("placeholderAt", () => {
  it("finds the name typed after an opening brace", () => {
    expect(placeholderAt("Hi {cust", 8)).toEqual({ from: 4, to: 8, query: "cust", closed: false });
    expect(placeholderAt("Hi {", 4)).toEqual({ from: 4, to: 4, query: "", closed: false });
  });

  it("covers the rest of the name and notices a closing brace", () => {
    expect(placeholderAt("{customer.na} x", 3)).toEqual({
      from: 1,
      to: 12,
      query: "cu",
      closed: true,
    });
  });

  it("ignores literal braces and plain text", () => {
    expect(placeholderAt("{{lit", 5)).toBeNull();
    expect(placeholderAt("{{{name", 7)?.query).toBe("name");
    expect(placeholderAt("Hi there", 8)).toBeNull();
    expect(placeholderAt("{a b", 4)).toBeNull();
  });
});

describe("filterNames", () => {
  it("puts prefix matches first", () => {
    expect(filterNames(["order_id", "customer.order", "name"], "ord")).toEqual([
      "order_id",
      "customer.order",
    ]);
  });
});
