/**
 * The scoring thread's entry (started by scoring-thread.ts through server/workers/ts-worker.ts):
 * holds a copy of each deployed model the web process holds and scores message texts with it,
 * so the featurising and the matrix product run beside the event loop instead of on it.
 */
import { parentPort } from "node:worker_threads";
import type { IntentModel } from "@/server/training/model/model";
import { scoreText } from "@/server/training/model/model";
import { deserializeModel } from "@/server/training/model/serialize";
import type { ScoredItem, ScoringReply, ScoringRequest } from "./scoring-protocol";

const port = parentPort;
if (!port) throw new Error("scoring-worker.ts runs as a worker thread");
const models = new Map<string, IntentModel>();
const reply = (message: ScoringReply, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

port.on("message", (request: ScoringRequest) => {
  if (request.type === "score") {
    const results: ScoredItem[] = [];
    const buffers: ArrayBuffer[] = [];
    for (const { id, key, text, extra } of request.items) {
      const model = models.get(key);
      if (!model) {
        results.push({ id, p: null, known: false, knownWordShare: 0, missing: false });
        continue;
      }
      const { p, known, knownWordShare, missing } = scoreText(model, text, extra);
      results.push({ id, p, known, knownWordShare, missing });
      buffers.push(p.buffer as ArrayBuffer);
    }
    reply({ type: "scored", results }, buffers);
  } else if (request.type === "load") {
    try {
      models.set(request.key, deserializeModel(request.bytes));
      reply({ type: "loaded", key: request.key });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reply({ type: "load-failed", key: request.key, message });
    }
  } else {
    models.delete(request.key);
  }
});
