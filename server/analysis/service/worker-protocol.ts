/** Messages between compute-in-worker.ts and analysis-worker.ts (structured-cloned). */
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
export interface AnalysisWorkerRequest {
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
}

export const INPUT_CHUNK = 2_000;

export type AnalysisWorkerInput = { messages: SourceMessage[] };

export type AnalysisWorkerMessage =
  | { type: "stage"; stage: ComputeStage }
  | { type: "done"; computed: ComputedRun }
  | { type: "summary"; summary: ConversationAnalysis }
  | { type: "error"; message: string };
