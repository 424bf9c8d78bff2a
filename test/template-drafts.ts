import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
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

/** The smallest active template a "refund" message finds by its keyword trigger. */
export function refundStatusDraft() {
  return {
    name: "Refund status",
    content: "Hi {customer.first_name|there}, your refund is on its way.",
    status: "active" as const,
    triggers: [{ kind: "keyword" as const, value: "refund" }],
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

/**
 * Rows of each template table that belong to the workspace, read as the connection's own
 * (superuser) role so that RLS hides nothing: "nothing was written" means all zeros.
 */
export async function templateRowCounts(db: Database, workspaceId: string) {
  const rows = readRows<Record<string, number>>(
    await db.execute(sql`select
      (select count(*)::int from templates where workspace_id = ${workspaceId}) as templates,
      (select count(*)::int from template_versions where workspace_id = ${workspaceId}) as versions,
      (select count(*)::int from template_variables where workspace_id = ${workspaceId}) as variables,
      (select count(*)::int from template_triggers where workspace_id = ${workspaceId}) as triggers,
      (select count(*)::int from template_categories where workspace_id = ${workspaceId}) as categories`),
  );
  return rows[0];
}
