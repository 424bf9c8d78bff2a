import { z } from "zod";
import { IMPORT_FORMATS } from "@/server/templates/store/import-formats";
import { IMPORT_MODES } from "@/server/templates/store/import-modes";
import { basePayloadSchema, defineJob } from "../define-job";

/** The file itself is stored with the job (job_runs.input), not in the queue payload. */
export const templateImportPayload = basePayloadSchema.extend({
  format: z.enum(IMPORT_FORMATS),
  mode: z.enum(IMPORT_MODES).default("skip"),
  bytes: z.number().int().nonnegative(),
});
export type TemplateImportPayload = z.infer<typeof templateImportPayload>;

/** A large template import: validated whole, then written in resumable chunks. */
export const templateImportJob = defineJob({
  name: "template-import",
  title: "Template import",
  payload: templateImportPayload,
  handler: async () =>
    (await import("@/server/templates/store/import-job-handler")).runTemplateImportJob,
  timeoutSeconds: 15 * 60,
  retryLimit: 2,
  retryDelaySeconds: 10,
  // One import at a time per workspace: a double click does not import twice.
  singletonKey: (payload) => payload.workspaceId,
  batchSize: 1,
});
