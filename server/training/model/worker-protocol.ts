/** Messages between train-in-worker.ts and train-worker.ts (structured-cloned). */
import type { ExtraDenseInput } from "./extra-dense";
import type { ModelMetrics } from "./model";
import type { WeightEncoding } from "./serialize";
import type { TrainingConfig, TrainingExample, TrainingProgress } from "./train";

export interface WorkerRequest {
  examples: TrainingExample[];
  config: TrainingConfig;
  encoding: WeightEncoding;
  /** Absolute path of the word-vector table (used only when the config asks for vectors). */
  wordVectorPath: string;
  /** Provider embeddings of the examples (extra-dense.ts); absent: none. */
  extraDense?: ExtraDenseInput;
}

export type WorkerMessage =
  | { type: "progress"; progress: TrainingProgress }
  | {
      type: "done";
      bytes: Uint8Array;
      labels: string[];
      metrics: ModelMetrics;
      threshold: number;
    }
  | { type: "error"; message: string };
