/**
 * How much of an analysis the deployed model had already seen. A run over the very dataset the
 * model was trained on scores it on its own training rows: the accuracy score is then an
 * in-sample figure (the seeded demo shows 99 %), not what customers will get. The run records
 * how many analysed (and how many compared) messages match, by normalised text, a text the
 * version was trained on, so the summary can say so beside the score.
 */
import { and, lte } from "drizzle-orm";
import type { Tx } from "@/db";
import { trainingExamples } from "@/db/schema";
import { exampleTextHash, ofTrainingDatasets } from "@/server/training/examples/store";
import { runStepsSliced, type Steps } from "@/server/training/model/steps";
import { unpackTextHashes } from "@/server/training/versions/training-hashes";
import type { VersionTrainingRecord } from "./model";

export interface TrainingOverlap {
  /** Analysed messages whose text is in the version's training data (see `exact`). */
  messages: number;
  /** Of those, the ones with an agent's template: they are inside the accuracy score. */
  compared: number;
  /** How many examples the version was trained on (the seed trains on a sample of them). */
  trainedExamples: number;
  /**
   * True: compared with the texts the version recorded it was trained on (migration 0044).
   * False (older versions): with every example it could have learned from, an upper bound.
   */
  exact: boolean;
  /** The version's own held-out top-1 (its training evaluation), to put beside the score. */
  heldOutTop1: number | null;
}

/**
 * The normalised-text hashes of what the version was trained on: the set it recorded
 * (training-hashes.ts), or, for a version from before that, every training example it could
 * have learned from: those that existed when it was created, of the datasets its training run
 * was given (none given: all of them). Call inside the tenant transaction: RLS keeps it to the
 * workspace.
 */
export async function trainingDataOfVersion(
  tx: Tx,
  version: VersionTrainingRecord,
): Promise<{ hashes: Set<string>; trainedExamples: number; exact: boolean }> {
  if (version.trainingTextHashes) {
    return {
      hashes: unpackTextHashes(version.trainingTextHashes),
      trainedExamples: version.exampleCount,
      exact: true,
    };
  }
  const datasetIds = datasetIdsOf(version.config);
  const rows = await tx
    .selectDistinct({ textHash: trainingExamples.textHash })
    .from(trainingExamples)
    .where(and(lte(trainingExamples.createdAt, version.createdAt), ofTrainingDatasets(datasetIds)));
  return {
    hashes: new Set(rows.map((row) => row.textHash)),
    trainedExamples: version.exampleCount,
    exact: false,
  };
}

/** A version's `config.datasetIds` (written by the training job); anything else means "all". */
function datasetIdsOf(config: unknown): string[] {
  if (typeof config !== "object" || config === null) return [];
  const ids = (config as { datasetIds?: unknown }).datasetIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
}

function* countOverlap(
  messages: readonly { text: string; agentTemplateId: string | null }[],
  trainingHashes: ReadonlySet<string>,
): Steps<{ messages: number; compared: number }> {
  let overlapping = 0;
  let compared = 0;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    if (message && trainingHashes.has(exampleTextHash(message.text))) {
      overlapping++;
      if (message.agentTemplateId !== null) compared++;
    }
    // ≈ 1 µs a hash: a yield point every 500 keeps each slice near the step budget.
    if (i % 500 === 499) yield;
  }
  return { messages: overlapping, compared };
}

/**
 * Counts the overlap. Sliced: an inbox run hashes up to 100,000 messages in the process that
 * serves requests, so the event loop gets a turn every few milliseconds.
 */
export async function measureTrainingOverlap(
  messages: readonly { text: string; agentTemplateId: string | null }[],
  training: { hashes: ReadonlySet<string>; trainedExamples: number; exact: boolean },
  heldOutTop1: number | null,
): Promise<TrainingOverlap> {
  const counted =
    training.hashes.size === 0
      ? { messages: 0, compared: 0 }
      : await runStepsSliced(countOverlap(messages, training.hashes));
  return {
    ...counted,
    trainedExamples: training.trainedExamples,
    exact: training.exact,
    heldOutTop1,
  };
}
