import type { Database } from "@/db";
import { withTenant } from "@/db/tenant";
import { insertTrainingExamples } from "@/server/training/examples/store";
import type { Caller } from "./factories";
import { orderStatusDraft, refundPolicyDraft } from "./template-drafts";

/** Customer messages for two templates: enough for a tiny model that tells them apart. */
export const ORDER_TEXTS = [
  "where is my order",
  "has my parcel shipped yet",
  "tracking number for my package please",
  "my delivery has not arrived",
  "when will my order arrive",
  "can you track my shipment",
  "package still not here",
  "order status please",
  "is my order on the way",
  "where is my package now",
];
export const REFUND_TEXTS = [
  "i want my money back",
  "how do i get a refund",
  "refund my purchase please",
  "can i return this item for a refund",
  "i would like to be reimbursed",
  "give me my money back",
  "return policy and refunds",
  "i was charged and want a refund",
  "how long does a refund take",
  "please refund the payment",
];

/** Two templates in the caller's workspace with ten labelled examples each. */
export async function seedTwoTemplateExamples(db: Database, caller: Caller, workspaceId: string) {
  const order = await caller.templates.create(orderStatusDraft());
  const refund = await caller.templates.create(refundPolicyDraft());
  await withTenant(db, workspaceId, (tx) =>
    insertTrainingExamples(tx, workspaceId, [
      ...ORDER_TEXTS.map((text) => ({ text, templateId: order.id, source: "labelled" as const })),
      ...REFUND_TEXTS.map((text) => ({ text, templateId: refund.id, source: "labelled" as const })),
    ]),
  );
  return { orderId: order.id, refundId: refund.id };
}
