/**
 * Worker-thread entry for compute-in-worker.ts: collects the posted messages, deserialises the
 * deployed model, runs `computeRun` (predict → cluster → patterns → summary) and posts each
 * stage and the result back, or for a "summary" task only scores the messages and summarises.
 * A "predict" task is a helper of predict-in-threads.ts: it scores the texts it was given and
 * posts the predictions back. Runs as TypeScript through the tsx bootstrap of
 * server/workers/ts-worker.ts, or as compiled JavaScript when PARLEY_ANALYSIS_WORKER points at a
 * bundle of this file.
 */
import { parentPort, workerData } from "node:worker_threads";
import { analyzeConversationData } from "../summary";
import { computeRun } from "./compute";
import { loadAnalysisModel, predictMessages, scoreTexts } from "./model";
import { analysisThreads, predictInThreads } from "./predict-in-threads";
import type { SourceMessage } from "./sources";
import type {
  AnalysisWorkerInput,
  AnalysisWorkerMessage,
  AnalysisWorkerRequest,
  ComputeRequest,
  PredictRequest,
} from "./worker-protocol";

const port = parentPort;
if (!port) throw new Error("analysis-worker.ts must run in a worker thread");
const post = (message: AnalysisWorkerMessage) => port.postMessage(message);
const fail = (error: unknown) =>
  post({ type: "error", message: error instanceof Error ? error.message : String(error) });

function predict(request: PredictRequest) {
  try {
    const model = loadAnalysisModel(request.artifact);
    const { predictions, tokens } = scoreTexts(model, request.texts);
    post({ type: "predicted", predictions, tokens: tokens ?? [] });
  } catch (error) {
    fail(error);
  }
}

function compute(request: ComputeRequest, messages: SourceMessage[]) {
  try {
    const { artifact } = request;
    const model = artifact ? loadAnalysisModel(artifact) : null;
    if (request.task === "summary") {
      post({ type: "summary", summary: analyzeConversationData(predictMessages(model, messages)) });
      return;
    }
    const threads = request.threads ?? analysisThreads(messages.length);
    computeRun(
      messages,
      model,
      request.period,
      async (stage) => post({ type: "stage", stage }),
      undefined,
      (all) => predictInThreads(model, artifact, all, threads),
    ).then((computed) => post({ type: "done", computed }), fail);
  } catch (error) {
    fail(error);
  }
}

const request = workerData as AnalysisWorkerRequest;
if (request.task === "predict") predict(request);
else {
  const messages: SourceMessage[] = [];
  port.on("message", (input: AnalysisWorkerInput) => {
    for (const m of input.messages) messages.push(m);
    if (messages.length >= request.total) compute(request, messages);
  });
  if (request.total === 0) compute(request, messages);
}
