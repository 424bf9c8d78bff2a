/** Messages between compute-in-worker.ts and analysis-worker.ts (structured-cloned). */

import type { Prediction } from "@/server/training/model/model";
import type { ConversationAnalysis } from "../summary";
import type { ComputedRun, ComputeStage } from "./compute";
import type { DeployedArtifact } from "./model";
import type { SourceMessage } from "./sources";

/**
 * The worker's workerData. The messages follow as `AnalysisWorkerInput` posts of at most
 * INPUT_CHUNK each: cloning 100,000 of them in one go held the calling thread for ≈ 250 ms
 * (measured under load 11); one chunk at a time, with a turn of the event loop between, it
 * never waits long.
 */
export type AnalysisWorkerRequest = ComputeRequest | PredictRequest;

export interface ComputeRequest {
  /**
   * "run": an analysis run's `computeRun`. "summary": only the scored summary
   * (`training.analyze`: predictions and analyzeConversationData, no clustering or patterns).
   */
  task: "run" | "summary";
  /** How many messages the posts will carry. */
  total: number;
  /** The deployed version (its bytes are deserialised in the worker); null: none deployed. */
  artifact: DeployedArtifact | null;
  period: { from: Date; to: Date } | null;
  /** Threads that score a run's messages (predict-in-threads.ts); absent: analysisThreads(). */
  threads?: number;
}

/**
 * A helper of predict-in-threads.ts: score `texts` with the artefact's model (predictBatch,
 * limit 1, with tokens). The texts come in workerData, not in posts: the thread that starts the
 * helper goes on to score its own share at once and would not send later posts until done.
 */
export interface PredictRequest {
  task: "predict";
  artifact: DeployedArtifact;
  texts: string[];
}

export const INPUT_CHUNK = 2_000;

export type AnalysisWorkerInput = { messages: SourceMessage[] };

export type AnalysisWorkerMessage =
  | { type: "stage"; stage: ComputeStage }
  | { type: "done"; computed: ComputedRun }
  | { type: "summary"; summary: ConversationAnalysis }
  | { type: "predicted"; predictions: Prediction[]; tokens: string[][] }
  | { type: "error"; message: string };
