/**
 * Scoring a run's messages on several threads. With the neighbour vote in the model (a search
 * over the training rows for every message, ≈ 0.6–0.8 ms each) scoring is ≈ 90 % of a run:
 * 100,000 messages took ≈ 80 s on one thread of the 2-core machine, against issue #15's 60 s.
 * The analysis worker scores one share itself and hands the others to helper threads (the same
 * entry, a "predict" task) that load the model from the artefact's bytes.
 *
 * Same outcomes as predictMessages on one thread: each message is scored on its own
 * (predictBatch's per-batch caches only save lookups), and the shares are put back in order
 * (predict-in-threads.test.ts). A helper that fails (it could not start, or died) costs time,
 * not the run: this thread then scores that share too.
 */
import { availableParallelism } from "node:os";
import type { Prediction } from "@/server/training/model/model";
import { runWorker } from "@/server/workers/ts-worker";
import type { OutcomeMessage } from "../summary";
import { analysisWorkerEntry } from "./compute-in-worker";
import { type AnalysisModel, type DeployedArtifact, outcomesOf, predictMessages } from "./model";
import type { SourceMessage } from "./sources";
import type { AnalysisWorkerMessage, PredictRequest } from "./worker-protocol";

/**
 * Messages per thread below which no helper is started. One costs ≈ 1–1.5 s to start (thread,
 * tsx, loading the BANKING77 model: the time to score ≈ 1,500–2,000 messages), a model's memory
 * and a core the web server shares; below 10,000 messages a run scores in under ≈ 8 s alone.
 */
export const MIN_MESSAGES_PER_THREAD = 10_000;
/** At most this many threads, whatever the machine: the web server shares it. */
export const MAX_THREADS = 4;

/** Threads for scoring `messages` messages on a machine with `cores` cores (at least 1). */
export function analysisThreads(messages: number, cores = availableParallelism()): number {
  const byWork = Math.floor(messages / MIN_MESSAGES_PER_THREAD);
  return Math.max(1, Math.min(MAX_THREADS, cores, byWork));
}

export interface ThreadedOutcomes {
  outcomes: OutcomeMessage[];
  /** Threads whose predictions were used (1: this thread alone). */
  threads: number;
}

export async function predictInThreads(
  model: AnalysisModel | null,
  artifact: DeployedArtifact | null,
  messages: readonly SourceMessage[],
  threads: number,
  root?: string,
): Promise<ThreadedOutcomes> {
  if (!model || !artifact || threads <= 1 || messages.length < 2) {
    return { outcomes: predictMessages(model, messages), threads: 1 };
  }
  const size = Math.ceil(messages.length / threads);
  const shares: (readonly SourceMessage[])[] = [];
  for (let at = 0; at < messages.length; at += size) shares.push(messages.slice(at, at + size));
  const [own = [], ...others] = shares;
  // Started before this thread gets busy with its own share; their answers wait in the queue.
  const helped = others.map((share) =>
    predictInHelper(artifact, share, root).then(
      (answer) => answer,
      () => null,
    ),
  );
  let outcomes = predictMessages(model, own);
  let used = 1;
  const answers = await Promise.all(helped);
  answers.forEach((answer, i) => {
    const share = others[i] ?? [];
    if (answer) used++;
    const scored = answer
      ? outcomesOf(model, share, answer.predictions, answer.tokens)
      : predictMessages(model, share);
    outcomes = outcomes.concat(scored);
  });
  return { outcomes, threads: used };
}

/** Async so that a throw while starting (no entry file) rejects; the thread starts at the call. */
async function predictInHelper(
  artifact: DeployedArtifact,
  share: readonly SourceMessage[],
  root?: string,
): Promise<{ predictions: Prediction[]; tokens: string[][] }> {
  const request: PredictRequest = {
    task: "predict",
    artifact,
    texts: share.map((m) => m.text),
  };
  return await runWorker<AnalysisWorkerMessage, { predictions: Prediction[]; tokens: string[][] }>(
    analysisWorkerEntry(root),
    request,
    {
      what: "analysis prediction",
      onMessage: (message) => {
        if (message.type === "predicted") {
          return message.predictions.length === share.length
            ? { result: message }
            : { error: new Error("a helper answered for a different number of messages") };
        }
        if (message.type === "error") return { error: new Error(message.message) };
        return { error: new Error(`unexpected answer "${message.type}"`) };
      },
    },
  );
}
