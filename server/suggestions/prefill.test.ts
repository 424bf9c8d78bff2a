import { describe, expect, it } from "vitest";
import { prefillValues } from "./prefill";

describe("prefillValues", () => {
  it("fills a template's own {order_id} from the context's order number when the message has none", () => {
    const result = prefillValues(
      "Order {order_id} ships soon, {customer.first_name}.",
      [],
      { customer: { first_name: "Tom" }, order: { id: "ACM-99674", number: "ACM-99674" } },
      {},
    );
    expect(result.values).toEqual({ order_id: "ACM-99674", "customer.first_name": "Tom" });
    expect(result.sources).toEqual({ order_id: "context", "customer.first_name": "context" });
  });

  it("prefers the help desk's record over what the customer wrote, and uses the message otherwise", () => {
    const fromRecord = prefillValues(
      "{order_id}",
      [],
      { order: { number: "ACM-1" } },
      {
        orderNumber: "ACM-2",
      },
    );
    expect(fromRecord.values.order_id).toBe("ACM-1");
    const fromMessage = prefillValues("{order_id}", [], {}, { orderNumber: "ACM-2" });
    expect(fromMessage.values.order_id).toBe("ACM-2");
    expect(fromMessage.sources.order_id).toBe("conversation");
  });
});
