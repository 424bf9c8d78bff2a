import type { Worker } from "node:worker_threads";
import { log } from "@/server/logger";
import type { ExtraVector, TextScores } from "@/server/training/model/model";
import { resolveWorkerEntry, startWorker } from "@/server/workers/ts-worker";
import type { ModelCacheEvents } from "./model-cache";
import type { ScoreItem, ScoringReply, ScoringRequest } from "./scoring-protocol";

/**
 * Scores suggestion texts with the deployed models in a worker thread (scoring-worker.ts).
 *
 * Why: with its inputs kept in memory, a suggestion is CPU work on the one event loop, and the
 * model (featurising, the weight product, softmax) was ≈ 25 % of it under load
 * (bench/suggest-http.ts profile, 50 clients). In a thread it runs on the other core while the
 * event loop parses, routes and renders the next requests.
 *
 * How: the model cache hands the thread a copy of each model it loads and tells it which it
 * drops (ModelCacheEvents), so the thread holds what the process holds (the memory of the
 * deployed models twice, and the cache's bound counts both). `score` answers null whenever the thread cannot: the model is not
 * loaded there yet, the thread is starting, or it died. The caller then scores on the event
 * loop with its own copy: same code, same model bytes, the same numbers. A thread that fails
 * is started again with the next model load, at most MAX_STARTS times per process.
 */
export class ScoringThread {
  private worker: Worker | null = null;
  private starts = 0;
  /** Sent to the thread, not yet confirmed. */
  private readonly loading = new Set<string>();
  /** Held by the thread: scores go there. */
  private readonly ready = new Set<string>();
  private readonly waiting = new Map<number, (scores: TextScores | null) => void>();
  /** Asked for in this burst of the event loop, sent together (flush). */
  private asked: ScoreItem[] = [];
  /** Bursts sent to the thread and not yet answered. */
  private inFlight = 0;
  private scoredThere = 0;
  private nextId = 1;

  constructor(private readonly entry: () => string = scoringWorkerEntry) {}

  /** Cache events that keep the thread's models in step with the cache's. */
  events(): ModelCacheEvents {
    return {
      added: (key, bytes) => this.load(key, bytes),
      dropped: (key) => this.drop(key),
      keepsCopy: true,
    };
  }

  load(key: string, bytes: Uint8Array): void {
    const worker = this.running();
    if (!worker) return;
    const copy = bytes.slice(); // the cache keeps nothing of it; the thread gets its own
    this.loading.add(key);
    this.ready.delete(key);
    this.post(worker, { type: "load", key, bytes: copy }, [copy.buffer]);
  }

  drop(key: string): void {
    this.loading.delete(key);
    this.ready.delete(key);
    if (this.worker) this.post(this.worker, { type: "drop", key });
  }

  /** The thread's scores for `text`, or null: score it in the caller. */
  score(key: string, text: string, extra?: ExtraVector): Promise<TextScores | null> | null {
    const worker = this.worker;
    if (!worker || !this.ready.has(key)) return null;
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.asked.push({ id, key, text, extra: extra ? Array.from(extra) : null });
      // After the microtasks queued now: the other requests of this turn ask too.
      if (this.asked.length === 1) process.nextTick(this.flush);
    });
  }

  /**
   * One message per burst: posted one by one, each text woke the thread and each answer the
   * event loop on its own, and the thread cost more CPU in wake-ups than it saved. A burst of
   * one text while the thread is idle is scored by the caller: nothing else is waiting for the
   * event loop, and the round trip to the thread would only add its wake-up (≈ 0.5 ms per call,
   * sequential calls in-process) to that request.
   */
  private readonly flush = () => {
    const items = this.asked;
    this.asked = [];
    const worker = this.worker;
    if (worker && (items.length > 1 || this.inFlight > 0)) {
      this.inFlight++;
      this.post(worker, { type: "score", items });
    } else for (const { id } of items) this.settle(id, null);
  };

  private settle(id: number, scores: TextScores | null): void {
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    resolve?.(scores);
  }

  /** Models the thread holds (tests, diagnostics). */
  held(): number {
    return this.ready.size;
  }

  /** Texts the thread has scored so far (tests, diagnostics). */
  scored(): number {
    return this.scoredThere;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.starts = MAX_STARTS; // closed for good
    this.stopped();
    await worker?.terminate();
  }

  private running(): Worker | null {
    if (this.worker) return this.worker;
    if (this.starts >= MAX_STARTS) return null;
    this.starts++;
    try {
      const worker = startWorker(this.entry(), null);
      // The thread never keeps a process alive (CLI, tests); a server is kept alive by its socket.
      worker.unref();
      worker.on("message", (reply: ScoringReply) => this.received(reply));
      worker.on("error", (error) => {
        log.error("suggestions: the scoring thread failed; scoring on the event loop", {
          error: error.message,
        });
      });
      worker.on("exit", () => {
        if (this.worker === worker) this.stopped();
      });
      this.worker = worker;
      return worker;
    } catch (error) {
      this.starts = MAX_STARTS;
      log.warn("suggestions: no scoring thread; scoring on the event loop", {
        error: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
  }

  private received(reply: ScoringReply): void {
    if (reply.type === "scored") {
      this.inFlight = Math.max(0, this.inFlight - 1);
      for (const { id, p, known, knownWordShare, missing } of reply.results) {
        if (p) this.scoredThere++;
        this.settle(id, p ? { p, known, knownWordShare, missing } : null);
      }
    } else if (reply.type === "loaded") {
      if (this.loading.delete(reply.key)) this.ready.add(reply.key);
    } else {
      this.loading.delete(reply.key);
      log.warn("suggestions: the scoring thread could not load a model", {
        model: reply.key,
        error: reply.message,
      });
    }
  }

  /** The thread is gone: nothing is held there, and whoever waits scores in their own thread. */
  private stopped(): void {
    this.worker = null;
    this.inFlight = 0;
    this.loading.clear();
    this.ready.clear();
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
  }

  private post(worker: Worker, request: ScoringRequest, transfer: ArrayBuffer[] = []): void {
    worker.postMessage(request, transfer);
  }
}

/** Starts per process after which scoring stays on the event loop. */
export const MAX_STARTS = 3;

export function scoringWorkerEntry(root = process.cwd()): string {
  return resolveWorkerEntry(root, ["server", "suggestions", "scoring-worker.ts"], {
    name: "PARLEY_SCORING_WORKER",
    value: process.env.PARLEY_SCORING_WORKER,
  });
}
