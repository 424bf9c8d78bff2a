import { setTimeout as sleep } from "node:timers/promises";
import type { JobHandler } from "./define-job";
import type { EchoPayload, StepsPayload } from "./definitions/diagnostics";

/**
 * `steps` resumable steps: each waits `stepMs` (the "work"), then commits its ledger row.
 * Progress goes out after each step. A worker killed mid-step leaves that step uncommitted,
 * so the retry redoes exactly that step and skips the ones before it.
 */
export const runStepsJob: JobHandler<StepsPayload> = async (context, payload) => {
  let ran = 0;
  for (let index = 1; index <= payload.steps; index++) {
    const did = await context.step(index, async () => {
      if (payload.stepMs > 0) await sleep(payload.stepMs, undefined, { signal: context.signal });
    });
    if (did) ran++;
    await context.progress((index / payload.steps) * 100, `step ${index} of ${payload.steps}`, {
      step: index,
      steps: payload.steps,
    });
  }
  return { steps: payload.steps, ranThisAttempt: ran, attempt: context.attempt };
};

/** Reports its pickup delay (enqueue → handler start); `bench jobs` collects these. */
export const runEchoJob: JobHandler<EchoPayload> = async (_context, payload) => {
  const pickupMs = Date.now() - payload.enqueuedAt;
  echoListeners.forEach((listener) => {
    listener(pickupMs);
  });
  return { pickupMs };
};

type EchoListener = (pickupMs: number) => void;
const echoListeners = new Set<EchoListener>();

/** The benchmark listens in-process; the handler's return value is also kept by pg-boss. */
export function onEcho(listener: EchoListener): () => void {
  echoListeners.add(listener);
  return () => echoListeners.delete(listener);
}
