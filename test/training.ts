import type { Database } from "@/db";
import { withTenant } from "@/db/tenant";
import { insertTrainingExamples, loadTrainingExamples } from "@/server/training/examples/store";
import { relabelModel } from "@/server/training/model/relabel";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { versionFromModel } from "@/server/training/versions/from-model";
import { createModelVersion } from "@/server/training/versions/store";
import type { Caller } from "./factories";
import { orderStatusDraft, refundPolicyDraft } from "./template-drafts";

/**
 * Stores a model trained in the test as the workspace's next version (not deployed), as the
 * training job would, without per-label metrics or text hashes.
 */
export function saveTrainedModel(
  db: Database,
  workspaceId: string,
  model: ReturnType<typeof trainModel>,
  exampleCount: number,
) {
  const row = versionFromModel(model, { exampleCount });
  return withTenant(db, workspaceId, (tx) => createModelVersion(tx, workspaceId, row));
}

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

/**
 * A workspace with a trained, deployed version (trained in-process: 20 examples take well under
 * a second), one scenario and one scenario run: the rows the isolation sweep reaches for.
 */
export async function trainedWorkspace(
  db: Database,
  owner: { caller: Caller; workspace: { id: string; slug: string; name: string } },
) {
  const ws = owner.workspace;
  const ids = await seedTwoTemplateExamples(db, owner.caller, ws.id);
  const examples = await withTenant(db, ws.id, (tx) => loadTrainingExamples(tx));
  // Trained in a fixed order on stable label names, then relabelled with the template ids:
  // trained on the random ids (which order the labels and the examples), the fit and its
  // threshold (0.60–0.94 seen) changed from run to run, and so did which planted messages a
  // later analysis found unconfident (test/analysis.ts completedAnalysis once found no gap).
  const nameOf = new Map([
    [ids.orderId, "order"],
    [ids.refundId, "refund"],
  ]);
  const idOf = new Map([...nameOf].map(([id, name]) => [name, id]));
  const model = relabelModel(
    trainModel(
      examples
        .map((e) => ({ text: e.text, label: nameOf.get(e.templateId) ?? e.templateId }))
        .sort((a, b) => a.label.localeCompare(b.label) || a.text.localeCompare(b.text)),
      { ...DEFAULT_TRAINING, refit: false },
    ),
    (name) => idOf.get(name) ?? name,
  );
  const version = await saveTrainedModel(db, ws.id, model, examples.length);
  await owner.caller.training.deploy({ versionId: version.id });
  const scenario = await owner.caller.training.scenarios.create({
    text: "Zanzibar: where is my parcel",
    templateId: ids.orderId,
    difficulty: "easy",
    tags: [],
  });
  const run = await owner.caller.training.runScenarios({ versionId: version.id });
  return { ...ids, versionId: version.id, scenarioId: scenario.id, runId: run.runId };
}
