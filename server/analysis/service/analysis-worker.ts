/**
 * Worker-thread entry for compute-in-worker.ts: deserialises the deployed model, runs
 * `computeRun` (predict → cluster → patterns → summary) and posts each stage and the result back.
 * Runs as TypeScript through the tsx bootstrap of server/workers/ts-worker.ts, or as compiled
 * JavaScript when PARLEY_ANALYSIS_WORKER points at a bundle of this file.
 */
import { parentPort, workerData } from "node:worker_threads";
import { computeRun } from "./compute";
import { loadAnalysisModel } from "./model";
import type { AnalysisWorkerMessage, AnalysisWorkerRequest } from "./worker-protocol";

const port = parentPort;
if (!port) throw new Error("analysis-worker.ts must run in a worker thread");
const post = (message: AnalysisWorkerMessage) => port.postMessage(message);

const fail = (error: unknown) =>
  post({ type: "error", message: error instanceof Error ? error.message : String(error) });

// No top-level await: the entry may be loaded as CommonJS by tsx.
try {
  const request = workerData as AnalysisWorkerRequest;
  const model = request.artifact ? loadAnalysisModel(request.artifact) : null;
  computeRun(request.messages, model, request.period, async (stage) =>
    post({ type: "stage", stage }),
  ).then((computed) => post({ type: "done", computed }), fail);
} catch (error) {
  fail(error);
}
