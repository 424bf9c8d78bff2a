/**
 * Worker-thread entry for train-in-worker.ts: trains, serialises, posts the bytes back. Runs as
 * TypeScript through tsx's loader (the parent passes `--import tsx`), or as compiled JavaScript
 * when PARLEY_TRAIN_WORKER points at a bundle of this file.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadWordVectors } from "./embeddings";
import { serializeModel } from "./serialize";
import { trainModel } from "./train";
import type { WorkerMessage, WorkerRequest } from "./worker-protocol";

const port = parentPort;
if (!port) throw new Error("train-worker.ts must run in a worker thread");
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

try {
  const request = workerData as WorkerRequest;
  const embeddings =
    request.config.featurizer.embeddingWeight > 0
      ? loadWordVectors(request.wordVectorPath)
      : undefined;
  const model = trainModel(request.examples, request.config, {
    embeddings,
    ...(request.extraDense ? { extraDense: request.extraDense } : {}),
    onProgress: (progress) => {
      post({ type: "progress", progress });
      return true;
    },
  });
  const bytes = serializeModel(model, request.encoding);
  post(
    {
      type: "done",
      bytes,
      labels: model.labels,
      metrics: model.metrics,
      threshold: model.threshold,
    },
    [bytes.buffer as ArrayBuffer],
  );
} catch (error) {
  post({ type: "error", message: error instanceof Error ? error.message : String(error) });
}
