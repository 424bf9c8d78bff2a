/**
 * Train off the event loop: `trainInWorker` runs train.ts in a node:worker_threads worker and
 * resolves with the serialised model. Progress arrives per epoch/step with an overall fraction
 * and an ETA; aborting the signal terminates the worker at once (the job system decides whether
 * to retry).
 *
 * Why the worker is started from a path computed at run time, not `new URL("./x.ts",
 * import.meta.url)`: inside a Next.js server bundle import.meta.url points into .next/, where no
 * worker file exists, and Node cannot run .ts by itself. So the entry is the TypeScript source
 * in the project folder (server/training/model/train-worker.ts, resolved from process.cwd(),
 * which is the project root for `next start`, tsx scripts and vitest), loaded by a tiny eval'd
 * bootstrap that registers tsx's ESM loader first (tsx is a production dependency). Passing
 * `execArgv: ["--import", "tsx"]` does NOT work on Node 20: the worker still fails with
 * ERR_UNKNOWN_FILE_EXTENSION, measured under both node and tsx. An eval'd worker is plain code,
 * so the bundler has no path to trace or rewrite.
 * Deployments that ship only a build output must ship this folder too or bundle train-worker.ts
 * (e.g. with esbuild) and point PARLEY_TRAIN_WORKER at the .mjs: a .js/.mjs entry runs without tsx.
 * The entry resolution and the bootstrap live in server/workers/ts-worker.ts (shared with the
 * conversation analysis's worker).
 */
import { resolveWorkerEntry, startWorker } from "@/server/workers/ts-worker";
import { defaultWordVectorPath } from "./embeddings";
import type { ExtraDenseInput } from "./extra-dense";
import type { ModelMetrics } from "./model";
import type { WeightEncoding } from "./serialize";
import {
  DEFAULT_TRAINING,
  TrainingCancelled,
  type TrainingConfig,
  type TrainingExample,
  type TrainingProgress,
} from "./train";
import type { WorkerMessage, WorkerRequest } from "./worker-protocol";

export interface TrainInWorkerOptions {
  onProgress?: (progress: TrainingProgress) => void;
  signal?: AbortSignal;
  encoding?: WeightEncoding;
  /** Project root holding server/training/…; defaults to process.cwd(). */
  root?: string;
  /** Provider embeddings of the examples, one per example (extra-dense.ts). */
  extraDense?: ExtraDenseInput;
}

export interface TrainedArtefact {
  bytes: Uint8Array;
  labels: string[];
  metrics: ModelMetrics;
  threshold: number;
}

export function workerEntry(root = process.cwd()): string {
  return resolveWorkerEntry(root, ["server", "training", "model", "train-worker.ts"], {
    name: "PARLEY_TRAIN_WORKER",
    value: process.env.PARLEY_TRAIN_WORKER,
  });
}

export function trainInWorker(
  examples: TrainingExample[],
  config: TrainingConfig = DEFAULT_TRAINING,
  options: TrainInWorkerOptions = {},
): Promise<TrainedArtefact> {
  const root = options.root ?? process.cwd();
  const entry = workerEntry(root);
  const request: WorkerRequest = {
    examples,
    config,
    encoding: options.encoding ?? "int8-row",
    wordVectorPath: defaultWordVectorPath(root),
    ...(options.extraDense ? { extraDense: options.extraDense } : {}),
  };
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new TrainingCancelled());
      return;
    }
    const worker = startWorker(entry, request);
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener("abort", onAbort);
      fn();
    };
    const onAbort = () => {
      void worker.terminate();
      settle(() => reject(new TrainingCancelled()));
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "progress") options.onProgress?.(message.progress);
      else if (message.type === "done") {
        const { bytes, labels, metrics, threshold } = message;
        settle(() => resolve({ bytes, labels, metrics, threshold }));
      } else settle(() => reject(new Error(`training failed: ${message.message}`)));
    });
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) => {
      settle(() => reject(new Error(`training worker exited with code ${code} before finishing`)));
    });
  });
}
