/**
 * The deployed model of a workspace, for analysis: read in the caller's tenant transaction,
 * deserialised and used outside it. `predictMessages` is the one place messages are scored.
 */
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { modelVersions } from "@/db/schema";
import type { ConfusedPair, LabelMetrics } from "@/server/training/evaluation/metrics";
import type { IntentModel, Prediction } from "@/server/training/model/model";
import { predictBatch } from "@/server/training/model/predict-batch";
import { deserializeModel } from "@/server/training/model/serialize";
import { getDeployedModelStamp } from "@/server/training/versions/deployed";
import type { VersionMetrics } from "@/server/training/versions/metrics";
import type { OutcomeMessage } from "../summary";
import type { SourceMessage } from "./sources";

export interface DeployedArtifact {
  versionId: string;
  version: number;
  bytes: Uint8Array;
  /** Template id per model label index. */
  labels: string[];
  /** The version's held-out evaluation: confused pairs and per-template figures. */
  confusedPairs: ConfusedPair[];
  perLabel: LabelMetrics[];
  templateNames: Record<string, string>;
  /** The version's held-out top-1 from its training evaluation; null when it had none. */
  heldOutTop1: number | null;
}

export interface AnalysisModel {
  versionId: string;
  version: number;
  model: IntentModel;
  /** Model label → template id. */
  templateOf: Map<string, string>;
}

/**
 * What a version was trained on, for the training overlap (training-overlap.ts): the texts it
 * recorded, or, for a version from before that, enough to find the examples it could have used.
 */
export interface VersionTrainingRecord {
  createdAt: Date;
  config: unknown;
  exampleCount: number;
  /** packTextHashes of the trained texts (migration 0044); null: not recorded. */
  trainingTextHashes: Uint8Array | null;
}

/** The deployed version's artefact and stored metrics, or null when none is deployed. */
export async function readDeployedArtifact(tx: Tx): Promise<DeployedArtifact | null> {
  return (await readDeployed(tx, false))?.artifact ?? null;
}

/**
 * As readDeployedArtifact, with what the version was trained on, from the same row read. Kept
 * apart from the artefact: the artefact goes to the computing worker, the record does not.
 */
export async function readDeployedWithTraining(
  tx: Tx,
): Promise<{ artifact: DeployedArtifact; training: VersionTrainingRecord } | null> {
  const deployed = await readDeployed(tx, true);
  return deployed?.training ? { artifact: deployed.artifact, training: deployed.training } : null;
}

async function readDeployed(
  tx: Tx,
  withTraining: boolean,
): Promise<{ artifact: DeployedArtifact; training: VersionTrainingRecord | null } | null> {
  const stamp = await getDeployedModelStamp(tx);
  if (!stamp) return null;
  const [row] = await tx
    .select({
      version: modelVersions.version,
      bytes: modelVersions.artifact,
      labels: modelVersions.labels,
      metrics: modelVersions.metrics,
      createdAt: modelVersions.createdAt,
      config: modelVersions.config,
      exampleCount: modelVersions.exampleCount,
      // 16 bytes per trained text: read only by the caller that needs them.
      trainingTextHashes: withTraining
        ? modelVersions.trainingTextHashes
        : sql<Buffer | null>`null`,
    })
    .from(modelVersions)
    .where(eq(modelVersions.id, stamp.versionId));
  if (!row) return null;
  const metrics = (row.metrics ?? {}) as Partial<VersionMetrics>;
  const report = metrics.model?.heldOut?.report;
  const artifact: DeployedArtifact = {
    versionId: stamp.versionId,
    version: row.version,
    // A copy: the driver's buffer must not be held past the transaction.
    bytes: new Uint8Array(row.bytes),
    labels: row.labels,
    confusedPairs: report?.confusedPairs ?? [],
    perLabel: report?.perLabel ?? [],
    templateNames: metrics.templateNames ?? {},
    heldOutTop1: metrics.headline?.top1 ?? report?.top1 ?? null,
  };
  const training = withTraining
    ? {
        createdAt: row.createdAt,
        config: row.config,
        exampleCount: row.exampleCount,
        trainingTextHashes: row.trainingTextHashes,
      }
    : null;
  return { artifact, training };
}

export function loadAnalysisModel(artifact: DeployedArtifact): AnalysisModel {
  return analysisModel(artifact, deserializeModel(artifact.bytes));
}

function analysisModel(artifact: DeployedArtifact, model: IntentModel): AnalysisModel {
  return {
    versionId: artifact.versionId,
    version: artifact.version,
    model,
    templateOf: new Map(model.labels.map((label, k) => [label, artifact.labels[k] ?? label])),
  };
}

/**
 * Scores every message with the deployed model (predictBatch: the same numbers as `predict`,
 * faster, and each text's tokens kept for clustering): confident or not, the top probability and
 * the best label (a template id). With no model every message is "not confident".
 */
export function predictMessages(
  model: AnalysisModel | null,
  messages: readonly SourceMessage[],
): OutcomeMessage[] {
  if (!model) {
    return messages.map((m) => ({
      ...outcomeBase(m),
      confident: false,
      topProbability: 0,
      topLabel: null,
    }));
  }
  const { predictions, tokens } = scoreTexts(
    model,
    messages.map((m) => m.text),
  );
  return outcomesOf(model, messages, predictions, tokens);
}

/** The scoring itself (predictBatch, the best label only, with tokens for clustering). */
export function scoreTexts(model: AnalysisModel, texts: readonly string[]) {
  return predictBatch(model.model, texts, { limit: 1, tokens: true });
}

const outcomeBase = (m: SourceMessage) => ({
  id: m.ref,
  text: m.text,
  at: m.at,
  agentTemplateId: m.agentTemplateId,
  csat: m.csat,
  resolved: m.resolved,
});

/** Messages with their predictions (predictBatch's, index for index, limit 1) as outcomes. */
export function outcomesOf(
  model: AnalysisModel,
  messages: readonly SourceMessage[],
  predictions: readonly Prediction[],
  tokens: readonly (readonly string[])[] | undefined,
): OutcomeMessage[] {
  return messages.map((m, i) => {
    const prediction = predictions[i];
    const top = prediction?.candidates[0];
    return {
      ...outcomeBase(m),
      confident: prediction?.confident ?? false,
      topProbability: prediction?.topProbability ?? 0,
      topLabel: top ? (model.templateOf.get(top.label) ?? top.label) : null,
      tokens: tokens?.[i],
    };
  });
}
