/**
 * The deployed model of a workspace, for analysis: read in the caller's tenant transaction,
 * deserialised and used outside it. `predictMessages` is the one place messages are scored, so
 * batch prediction (server/training/model) can replace the per-message loop here alone.
 */
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { modelVersions } from "@/db/schema";
import type { ConfusedPair, LabelMetrics } from "@/server/training/evaluation/metrics";
import { type IntentModel, predict } from "@/server/training/model/model";
import { deserializeModel } from "@/server/training/model/serialize";
import { getDeployedModelStamp, loadModelArtifact } from "@/server/training/versions/deployed";
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
}

export interface AnalysisModel {
  versionId: string;
  version: number;
  model: IntentModel;
  /** Model label → template id. */
  templateOf: Map<string, string>;
}

/** The deployed version's artefact and stored metrics, or null when none is deployed. */
export async function readDeployedArtifact(tx: Tx): Promise<DeployedArtifact | null> {
  const stamp = await getDeployedModelStamp(tx);
  if (!stamp) return null;
  const artifact = await loadModelArtifact(tx, stamp.versionId);
  if (!artifact) return null;
  const [row] = await tx
    .select({ metrics: modelVersions.metrics })
    .from(modelVersions)
    .where(eq(modelVersions.id, stamp.versionId));
  const metrics = (row?.metrics ?? {}) as Partial<VersionMetrics>;
  const report = metrics.model?.heldOut?.report;
  return {
    versionId: stamp.versionId,
    version: artifact.version,
    // A copy: the driver's buffer must not be held past the transaction.
    bytes: new Uint8Array(artifact.bytes),
    labels: artifact.labels,
    confusedPairs: report?.confusedPairs ?? [],
    perLabel: report?.perLabel ?? [],
    templateNames: metrics.templateNames ?? {},
  };
}

export function loadAnalysisModel(artifact: DeployedArtifact): AnalysisModel {
  const model = deserializeModel(artifact.bytes);
  return {
    versionId: artifact.versionId,
    version: artifact.version,
    model,
    templateOf: new Map(model.labels.map((label, k) => [label, artifact.labels[k] ?? label])),
  };
}

/**
 * Scores every message with the deployed model: confident or not, the top probability and the
 * best label (a template id). With no model every message is "not confident".
 */
export function predictMessages(
  model: AnalysisModel | null,
  messages: readonly SourceMessage[],
): OutcomeMessage[] {
  return messages.map((m) => {
    const base = {
      id: m.ref,
      text: m.text,
      at: m.at,
      agentTemplateId: m.agentTemplateId,
      csat: m.csat,
      resolved: m.resolved,
    };
    if (!model) return { ...base, confident: false, topProbability: 0, topLabel: null };
    const prediction = predict(model.model, m.text, 1);
    const top = prediction.candidates[0];
    return {
      ...base,
      confident: prediction.confident,
      topProbability: prediction.topProbability,
      topLabel: top ? (model.templateOf.get(top.label) ?? top.label) : null,
    };
  });
}
