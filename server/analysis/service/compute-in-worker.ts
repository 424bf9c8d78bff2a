/**
 * `computeRun` off the event loop: the CPU part of a run (scoring, clustering, patterns, the
 * summary) in a worker thread, so a 100,000-message analysis does not stall the process running
 * the job (the web server, with the in-process job worker). The database reads and writes stay
 * in the job (tenant transactions); only the loaded messages and the model's bytes go in, only
 * the computed results (no per-message scores) come out. Aborting the signal (job cancelled or
 * timed out) terminates the worker; an error in it rejects with its message.
 */
import { resolveWorkerEntry, runWorker } from "@/server/workers/ts-worker";
import type { ConversationAnalysis } from "../summary";
import type { ComputedRun, ComputeStage } from "./compute";
import type { DeployedArtifact } from "./model";
import type { SourceMessage } from "./sources";
import {
  type AnalysisWorkerInput,
  type AnalysisWorkerMessage,
  type ComputeRequest,
  INPUT_CHUNK,
} from "./worker-protocol";

/**
 * The computation itself threw (in the worker): the same input would throw again, so the job
 * fails the run at once rather than retrying. A worker that dies (exit, out of memory) is not
 * this error and is retried.
 */
export class AnalysisComputeError extends Error {
  constructor(message: string) {
    super(`analysis failed: ${message}`);
    this.name = "AnalysisComputeError";
  }
}

export function analysisWorkerEntry(root = process.cwd()): string {
  return resolveWorkerEntry(root, ["server", "analysis", "service", "analysis-worker.ts"], {
    name: "PARLEY_ANALYSIS_WORKER",
    value: process.env.PARLEY_ANALYSIS_WORKER,
  });
}

export interface ComputeInWorkerOptions {
  onStage?: (stage: ComputeStage) => void;
  signal?: AbortSignal;
  /** Project root holding server/analysis/…; defaults to process.cwd(). */
  root?: string;
  /** Threads that score the messages (predict-in-threads.ts); default: analysisThreads(). */
  threads?: number;
}

export function computeInWorker(
  messages: SourceMessage[],
  artifact: DeployedArtifact | null,
  period: { from: Date; to: Date } | null,
  options: ComputeInWorkerOptions = {},
): Promise<ComputedRun> {
  return runAnalysisWorker("run", messages, artifact, period, options, (message) =>
    message.type === "done" ? message.computed : undefined,
  );
}

/**
 * `training.analyze`'s part off the event loop: the messages scored by the deployed model and
 * summarised (analyzeConversationData), in a worker thread. 2,000 messages through the full
 * BANKING77 model are ≈ 2.6 s of scoring, which on the request's thread stalled every other
 * request of the process for that long.
 */
export function summarizeInWorker(
  messages: SourceMessage[],
  artifact: DeployedArtifact | null,
  options: Omit<ComputeInWorkerOptions, "onStage"> = {},
): Promise<ConversationAnalysis> {
  return runAnalysisWorker("summary", messages, artifact, null, options, (message) =>
    message.type === "summary" ? message.summary : undefined,
  );
}

function runAnalysisWorker<T>(
  task: ComputeRequest["task"],
  messages: SourceMessage[],
  artifact: DeployedArtifact | null,
  period: { from: Date; to: Date } | null,
  options: ComputeInWorkerOptions,
  resultOf: (message: AnalysisWorkerMessage) => T | undefined,
): Promise<T> {
  const request: ComputeRequest = {
    task,
    total: messages.length,
    artifact,
    period,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
  };
  return runWorker<AnalysisWorkerMessage, T>(analysisWorkerEntry(options.root), request, {
    what: "analysis",
    signal: options.signal,
    started: (worker) => {
      let open = true;
      worker.once("exit", () => {
        open = false;
      });
      void (async () => {
        for (let i = 0; i < messages.length && open; i += INPUT_CHUNK) {
          const input: AnalysisWorkerInput = { messages: messages.slice(i, i + INPUT_CHUNK) };
          worker.postMessage(input);
          // A turn of the event loop between chunks: each clone holds the thread briefly.
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
    },
    onMessage: (message) => {
      if (message.type === "stage") {
        options.onStage?.(message.stage);
        return undefined;
      }
      if (message.type === "error") return { error: new AnalysisComputeError(message.message) };
      const result = resultOf(message);
      return result === undefined
        ? { error: new AnalysisComputeError(`unexpected answer "${message.type}"`) }
        : { result };
    },
  });
}
