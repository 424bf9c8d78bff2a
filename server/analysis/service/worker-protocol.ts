/** Messages between compute-in-worker.ts and analysis-worker.ts (structured-cloned). */
import type { ComputedRun, ComputeStage } from "./compute";
import type { DeployedArtifact } from "./model";
import type { SourceMessage } from "./sources";

export interface AnalysisWorkerRequest {
  messages: SourceMessage[];
  /** The deployed version (its bytes are deserialised in the worker); null: none deployed. */
  artifact: DeployedArtifact | null;
  period: { from: Date; to: Date } | null;
}

export type AnalysisWorkerMessage =
  | { type: "stage"; stage: ComputeStage }
  | { type: "done"; computed: ComputedRun }
  | { type: "error"; message: string };
