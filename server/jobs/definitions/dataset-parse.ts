import { z } from "zod";
import { basePayloadSchema, defineJob } from "../define-job";

/** The uploaded bytes wait in dataset_upload_chunks; the payload only names the dataset. */
export const datasetParsePayload = basePayloadSchema.extend({ datasetId: z.uuid() });
export type DatasetParsePayload = z.infer<typeof datasetParsePayload>;

/** Parses an uploaded dataset into dataset_rows: status parsing → ready | failed. */
export const datasetParseJob = defineJob({
  name: "dataset-parse",
  title: "Dataset parsing",
  payload: datasetParsePayload,
  handler: async () =>
    (await import("@/server/training/datasets-store/parse-job")).runDatasetParseJob,
  timeoutSeconds: 30 * 60,
  // A retry starts the parse over: staged rows are cleared first, the bytes are still there.
  retryLimit: 2,
  retryDelaySeconds: 5,
  singletonKey: (payload) => payload.datasetId,
  batchSize: 1,
  concurrency: 2,
});
