import { eq } from "drizzle-orm";
import type { Database, Tx } from "@/db";
import { analysisRuns, knowledgeGaps } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { AiRegistry } from "@/server/ai/registry";
import { insightStep } from "@/server/analysis/service/insights-step";
import { executeAnalysis } from "@/server/analysis/service/run";
import type { Row } from "@/server/training/datasets/types";
import { relabelModel } from "@/server/training/model/relabel";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { versionFromModel } from "@/server/training/versions/from-model";
import { createModelVersion } from "@/server/training/versions/store";
import { NO_AI } from "@/test/ai";
import { insertReadyDataset } from "@/test/datasets";
import type { Caller } from "@/test/factories";
import { INTENT_MESSAGES } from "@/test/suggestion-model";
import { refundPolicyDraft } from "@/test/template-drafts";

/**
 * Three topics no template answers, planted among messages the deployed model knows
 * (INTENT_MESSAGES). Each has its customers' messages and an agent's reply per message. The
 * pet-insurance messages all start with a spreadsheet formula (the CSV export must defuse it).
 */
export const PLANTED_TOPICS: Record<string, { messages: string[]; replies: string[] }> = {
  crypto: {
    messages: [
      "can i buy bitcoin crypto in the app",
      "how do i buy bitcoin crypto",
      "is bitcoin crypto trading available",
      "buy bitcoin crypto with my balance",
      "what are the fees to buy bitcoin crypto",
      "sell my bitcoin crypto holdings",
      "bitcoin crypto wallet support please",
      "can i hold bitcoin crypto here",
    ],
    replies: [
      "Crypto trading is not offered yet; we will announce it in the app.",
      "Crypto trading is not offered yet; we will announce it in the app when it launches.",
      "Sorry, crypto trading is not offered yet.",
      "Crypto trading is not offered yet; we will announce it in the app.",
      "Crypto trading is not offered yet, so there are no fees.",
      "Crypto trading is not offered yet; we will announce it in the app.",
      "We do not support crypto wallets.",
      "Crypto trading is not offered yet; we will announce it in the app.",
    ],
  },
  address: {
    messages: [
      "how do i change my home address",
      "please update my home address",
      "i moved and need to change my home address",
      "change home address on my profile",
      "new home address update needed",
      "home address change after moving house",
      "where do i update my home address",
      "edit my home address details",
    ],
    replies: [
      "Go to Profile, then Address, and enter the new address.",
      "Go to Profile, then Address, and enter the new address; it updates at once.",
      "Go to Profile, then Address.",
      "Go to Profile, then Address, and enter the new address.",
      "Go to Profile, then Address, and enter the new address.",
      "Welcome to your new home! Go to Profile, then Address.",
      "Go to Profile, then Address, and enter the new address.",
      "Go to Profile, then Address, and enter the new address.",
    ],
  },
  pets: {
    messages: [
      '=HYPERLINK("http://evil.test","x") do you offer pet insurance for dogs',
      '=HYPERLINK("http://evil.test","x") pet insurance for my cat',
      '=HYPERLINK("http://evil.test","x") how much is pet insurance',
      '=HYPERLINK("http://evil.test","x") pet insurance for vet bills',
      '=HYPERLINK("http://evil.test","x") buy a pet insurance policy',
    ],
    replies: [
      "We partner with PawCover for pet insurance: see the Perks tab.",
      "We partner with PawCover for pet insurance: see the Perks tab.",
      "Pet insurance is through PawCover, see the Perks tab.",
      "We partner with PawCover for pet insurance: see the Perks tab.",
      "We partner with PawCover for pet insurance: see the Perks tab for a quote.",
    ],
  },
};

export const INTENTS = Object.keys(INTENT_MESSAGES);

/** The deployed fixture model's threshold (see deployIntentModel). */
const FIXTURE_THRESHOLD = 0.9;

/**
 * A template per known intent and a model trained on INTENT_MESSAGES, stored as a version and
 * deployed (as the training job would). Returns intent → template id.
 */
export async function deployIntentModel(
  db: Database,
  owner: { caller: Caller; workspace: { id: string } },
) {
  const templateIdOf: Record<string, string> = {};
  for (const intent of INTENTS) {
    const template = await owner.caller.templates.create(
      refundPolicyDraft({ name: `Intent ${intent}`, triggers: [] }),
    );
    templateIdOf[intent] = template.id;
  }
  // Trained on the intent names and stored with the template id of each label, as a version's
  // labels always are.
  const examples = Object.entries(INTENT_MESSAGES).flatMap(([intent, texts]) =>
    texts.map((text) => ({ text, label: intent })),
  );
  // Re-fitted on all 30 (as training jobs do): without it the 6 held-out examples' words are
  // not in the vocabulary, and those made mostly of such words are declined (known-words.ts).
  const trained = trainModel(examples, { ...DEFAULT_TRAINING, seed: 3 });
  // 30 examples leave 6 held-out rows, too few to place the threshold: the margin rule takes the
  // lowest right answer among ~5, which put it anywhere from 0.62 to 0.91 as the fit changed.
  // These tests are about analysis, not threshold choice, so the fixture fixes it at 0.9, where
  // the known intents' right answers (0.97 and up) clear it and no planted message does (≤ 0.84).
  const model = relabelModel(
    { ...trained, threshold: FIXTURE_THRESHOLD },
    (intent) => templateIdOf[intent] ?? intent,
  );
  const row = versionFromModel(model, { exampleCount: examples.length });
  const version = await withTenant(db, owner.workspace.id, (tx) =>
    createModelVersion(tx, owner.workspace.id, row),
  );
  await owner.caller.training.deploy({ versionId: version.id });
  return { templateIdOf, versionId: version.id };
}

/**
 * Conversation rows: the known intents' messages and the planted topics', each answered, one
 * conversation every three hours from 1 Nov 2026 (so the dataset has a period for patterns).
 */
export function plantedConversationRows(): Row[] {
  const rows: Row[] = [];
  let n = 0;
  const start = Date.parse("2026-11-01T00:00:00Z");
  const conversation = (customer: string, reply: string) => {
    n++;
    const at = (minutes: number) =>
      new Date(start + n * 3 * 3_600_000 + minutes * 60_000).toISOString();
    const conversationId = `c${n}`;
    rows.push({ kind: "message", conversationId, role: "customer", text: customer, at: at(0) });
    rows.push({ kind: "message", conversationId, role: "agent", text: reply, at: at(5) });
  };
  for (const texts of Object.values(INTENT_MESSAGES)) {
    for (const text of texts) conversation(text, "Thanks, here is the answer.");
  }
  for (const topic of Object.values(PLANTED_TOPICS)) {
    for (const [i, text] of topic.messages.entries()) conversation(text, topic.replies[i] ?? "");
  }
  return rows;
}

export function insertPlantedDataset(db: Database, workspaceId: string, name = "Planted topics") {
  return insertReadyDataset(db, workspaceId, {
    name,
    kind: "conversations",
    rows: plantedConversationRows(),
  });
}

/** Runs a started run in this process (what the job does), without a worker; no AI by default. */
export function runAnalysisNow(
  db: Database,
  workspaceId: string,
  runId: string,
  registry: AiRegistry = NO_AI,
) {
  const inTenant = <T>(fn: (tx: Tx) => Promise<T>) => withTenant(db, workspaceId, fn);
  return executeAnalysis({
    workspaceId,
    runId,
    inTenant,
    insights: insightStep({ registry, workspaceId, inTenant }),
    progress: async () => {},
  });
}

/** Which planted topic a text belongs to (null: none). */
export function topicOf(text: string): string | null {
  for (const [name, topic] of Object.entries(PLANTED_TOPICS)) {
    if (topic.messages.includes(text)) return name;
  }
  return null;
}

/** A finished dataset analysis of the planted rows in the workspace (no job, no worker). */
export async function completedAnalysis(
  db: Database,
  workspaceId: string,
  registry: AiRegistry = NO_AI,
) {
  const datasetId = await insertPlantedDataset(db, workspaceId);
  const [run] = await withTenant(db, workspaceId, (tx) =>
    tx
      .insert(analysisRuns)
      .values({ workspaceId, source: "dataset", datasetId, status: "running" })
      .returning({ id: analysisRuns.id }),
  );
  if (!run) throw new Error("no run");
  await runAnalysisNow(db, workspaceId, run.id, registry);
  const gaps = await withTenant(db, workspaceId, (tx) =>
    tx.select({ id: knowledgeGaps.id }).from(knowledgeGaps).where(eq(knowledgeGaps.runId, run.id)),
  );
  const [gap] = gaps;
  if (!gap) throw new Error("the planted analysis found no gap");
  return { datasetId, runId: run.id, gapId: gap.id };
}
