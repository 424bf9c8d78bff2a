import { z } from "zod";
import { basePayloadSchema, defineJob } from "../define-job";

export const stepsPayload = basePayloadSchema.extend({
  steps: z.number().int().min(1).max(1000),
  stepMs: z.number().int().min(0).max(60_000),
});
export type StepsPayload = z.infer<typeof stepsPayload>;

/**
 * A job of `steps` resumable steps, each waiting `stepMs` and then writing its ledger row:
 * `npm run cli -- jobs:probe` checks a deployment's workers end to end with it, and the crash
 * test kills a worker in the middle of one.
 */
export const stepsJob = defineJob({
  name: "diagnostics-steps",
  title: "Diagnostic steps",
  payload: stepsPayload,
  handler: async () => (await import("../diagnostics-handlers")).runStepsJob,
  timeoutSeconds: 5 * 60,
  retryLimit: 3,
  retryDelaySeconds: 1,
  batchSize: 2,
});

export const echoPayload = basePayloadSchema.extend({ enqueuedAt: z.number() });
export type EchoPayload = z.infer<typeof echoPayload>;

/** Does nothing but report when it started: what `bench jobs` measures pickup and throughput with. */
export const echoJob = defineJob({
  name: "diagnostics-echo",
  title: "Diagnostic echo",
  payload: echoPayload,
  handler: async () => (await import("../diagnostics-handlers")).runEchoJob,
  timeoutSeconds: 60,
  retryLimit: 0,
  retryDelaySeconds: 1,
  batchSize: 20,
  concurrency: 4,
});
