/**
 * The demo workspace's labelled dataset: db/demo/bitext-labelled.csv (Bitext intents, see
 * README.md), parsed with the same parser as uploads, stored ready with its rows, its intents
 * mapped to the demo templates and its training examples written. Skipped when the workspace
 * already has it, so the seed stays idempotent (and an admin's re-mapping survives).
 */
import { createReadStream } from "node:fs";
import path from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { datasets, templates } from "@/db/schema";
import { parseDataset } from "@/server/training/datasets/parse-dataset";
import { rewriteLabelledExamples } from "@/server/training/datasets-store/labels";
import { STAGE_BATCH, type StagedRow, stageRows } from "@/server/training/datasets-store/staging";

export const DEMO_DATASET_NAME = "Bitext customer support (demo)";
const FILE = path.join(import.meta.dirname, "bitext-labelled.csv");

/**
 * Bitext intent → demo template name. Every one of the 27 intents has a demo template that
 * answers it (the demo templates were written for them); an intent missing here stays unmapped.
 */
export const BITEXT_INTENT_TEMPLATES: Record<string, string> = {
  cancel_order: "Cancel an order",
  change_order: "Change an order",
  change_shipping_address: "Change the shipping address",
  check_cancellation_fee: "Cancellation fees",
  check_invoice: "Where to find an invoice",
  check_payment_methods: "Accepted payment methods",
  check_refund_policy: "Refund policy",
  complaint: "Complaint acknowledgement",
  contact_customer_service: "How to contact customer service",
  contact_human_agent: "Talk to a human agent",
  create_account: "Create an account",
  delete_account: "Delete an account",
  delivery_options: "Delivery options",
  delivery_period: "Delivery times",
  edit_account: "Edit account details",
  get_invoice: "Send an invoice",
  get_refund: "Request a refund",
  newsletter_subscription: "Newsletter subscription",
  payment_issue: "Payment problem",
  place_order: "How to place an order",
  recover_password: "Reset a password",
  registration_problems: "Registration problems",
  review: "Leave a review",
  set_up_shipping_address: "Set up a shipping address",
  switch_account: "Switch accounts",
  track_order: "Track an order",
  track_refund: "Refund status",
};

/** Returns the number of training examples written (0 when the dataset was already there). */
export async function seedDemoDataset(tx: Tx, workspaceId: string): Promise<number> {
  const [existing] = await tx
    .select({ id: datasets.id })
    .from(datasets)
    .where(eq(datasets.name, DEMO_DATASET_NAME))
    .limit(1);
  if (existing) return 0;
  const [dataset] = await tx
    .insert(datasets)
    .values({
      workspaceId,
      name: DEMO_DATASET_NAME,
      kind: "labelled",
      fileName: "bitext-labelled.csv",
      status: "parsing",
    })
    .returning({ id: datasets.id });
  if (!dataset) throw new Error("could not create the demo dataset");
  const parse = parseDataset(createReadStream(FILE), {
    fileName: "bitext-labelled.csv",
    format: "labelled",
  });
  let batch: StagedRow[] = [];
  let seq = 0;
  for await (const { line, row } of parse.rows) {
    batch.push({ seq: seq++, line, row });
    if (batch.length >= STAGE_BATCH) {
      await stageRows(tx, workspaceId, dataset.id, batch);
      batch = [];
    }
  }
  await stageRows(tx, workspaceId, dataset.id, batch);
  const outcome = parse.outcome();
  if (outcome.status !== "ready") throw new Error(`demo dataset: ${outcome.reason}`);
  const byName = new Map(
    (
      await tx
        .select({ id: templates.id, name: templates.name })
        .from(templates)
        .where(and(isNull(templates.deletedAt)))
    ).map((t) => [t.name, t.id]),
  );
  const mapping: Record<string, string> = {};
  for (const [intent, name] of Object.entries(BITEXT_INTENT_TEMPLATES)) {
    const id = byName.get(name);
    if (id) mapping[intent] = id;
  }
  await tx
    .update(datasets)
    .set({
      status: "ready",
      format: outcome.format,
      encoding: outcome.encoding,
      bytes: outcome.bytes,
      sha256: outcome.sha256,
      rowCount: outcome.rows,
      duplicateCount: outcome.duplicates,
      errorCount: outcome.errorCount,
      rowErrors: outcome.errors,
      labelMapping: mapping,
    })
    .where(eq(datasets.id, dataset.id));
  return rewriteLabelledExamples(tx, workspaceId, dataset.id, mapping);
}
