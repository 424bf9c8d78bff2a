import type { TemplateDraftInput } from "@/server/templates/language/template-schema";

/** Realistic drafts for integration tests: three typed variables, two triggers. */
export function orderStatusDraft(overrides: Partial<TemplateDraftInput> = {}): TemplateDraftInput {
  return {
    name: "Order status",
    category: "Orders",
    content:
      "Hi {customer.first_name|there}! Your order {order_id} shipped on {ship_date} and costs {total}.",
    status: "active",
    tags: ["shipping", "orders"],
    language: "en",
    variables: [
      { name: "customer.first_name", type: "text" },
      { name: "order_id", type: "text", required: true, pattern: "[A-Z]{2}-\\d{4}" },
      { name: "ship_date", type: "date", required: true },
      { name: "total", type: "currency", required: true, description: "Order total" },
    ],
    triggers: [
      { kind: "phrase", value: "where is my order", weight: 2 },
      { kind: "keyword", value: "tracking", weight: 0.7 },
    ],
    ...overrides,
  };
}

export function refundPolicyDraft(overrides: Partial<TemplateDraftInput> = {}): TemplateDraftInput {
  return {
    name: "Refund policy",
    category: "Billing",
    content:
      "Hello {customer.first_name|there}, items can be returned within 30 days for a full refund. Refunds go back to the original payment method.",
    status: "active",
    tags: ["billing", "returns"],
    variables: [{ name: "customer.first_name", type: "text" }],
    triggers: [
      { kind: "keyword", value: "refund" },
      { kind: "phrase", value: "money back" },
    ],
    ...overrides,
  };
}
