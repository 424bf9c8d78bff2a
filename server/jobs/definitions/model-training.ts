import { z } from "zod";
import { basePayloadSchema, defineJob } from "../define-job";

export const modelTrainingPayload = basePayloadSchema.extend({
  /** Train on these datasets' examples (plus examples of no dataset); empty: all examples. */
  datasetIds: z.array(z.uuid()).max(100).default([]),
  /** Deploy the new version when training succeeds. */
  deploy: z.boolean().default(false),
  /** The scenarios were added to the training data (`trainOnScenarios`): noted in the metrics. */
  scenariosInTraining: z.boolean().default(false),
});
export type ModelTrainingPayload = z.infer<typeof modelTrainingPayload>;

/**
 * Trains a model version: validate → featurize → train → evaluate → ready. The fit runs in a
 * worker thread (trainInWorker), so neither the web process nor the job worker's event loop is
 * blocked; the version is written in one ledger step keyed by the job id, so a worker killed at
 * any point yields exactly one version after the retry.
 */
export const modelTrainingJob = defineJob({
  name: "model-training",
  title: "Model training",
  payload: modelTrainingPayload,
  handler: async () =>
    (await import("@/server/training/jobs/train-job-handler")).runModelTrainingJob,
  timeoutSeconds: 30 * 60,
  retryLimit: 2,
  retryDelaySeconds: 5,
  // One training run at a time per workspace: a second click does not start a second fit.
  singletonKey: (payload) => payload.workspaceId,
  batchSize: 1,
});
