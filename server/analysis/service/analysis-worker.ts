/**
 * Worker-thread entry for compute-in-worker.ts: collects the posted messages, deserialises the
 * deployed model, runs `computeRun` (predict → cluster → patterns → summary) and posts each
 * stage and the result back, or for a "summary" task only scores the messages and summarises. Runs as TypeScript through the tsx bootstrap of
 * server/workers/ts-worker.ts, or as compiled JavaScript when PARLEY_ANALYSIS_WORKER points at a
 * bundle of this file.
 */
import { parentPort, workerData } from "node:worker_threads";
import { analyzeConversationData } from "../summary";
import { computeRun } from "./compute";
import { loadAnalysisModel, predictMessages } from "./model";
import type { SourceMessage } from "./sources";
import type {
  AnalysisWorkerInput,
  AnalysisWorkerMessage,
  AnalysisWorkerRequest,
} from "./worker-protocol";

const port = parentPort;
if (!port) throw new Error("analysis-worker.ts must run in a worker thread");
const post = (message: AnalysisWorkerMessage) => port.postMessage(message);
const fail = (error: unknown) =>
  post({ type: "error", message: error instanceof Error ? error.message : String(error) });

const request = workerData as AnalysisWorkerRequest;
const messages: SourceMessage[] = [];

function compute() {
  try {
    const model = request.artifact ? loadAnalysisModel(request.artifact) : null;
    if (request.task === "summary") {
      post({ type: "summary", summary: analyzeConversationData(predictMessages(model, messages)) });
      return;
    }
    computeRun(messages, model, request.period, async (stage) =>
      post({ type: "stage", stage }),
    ).then((computed) => post({ type: "done", computed }), fail);
  } catch (error) {
    fail(error);
  }
}

port.on("message", (input: AnalysisWorkerInput) => {
  for (const m of input.messages) messages.push(m);
  if (messages.length >= request.total) compute();
});
if (request.total === 0) compute();
