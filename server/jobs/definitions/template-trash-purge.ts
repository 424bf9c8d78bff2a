import { z } from "zod";
import { basePayloadSchema, defineJob } from "../define-job";

/** `before`: templates trashed before this moment are purged (TRASH_DAYS before the schedule). */
export const templateTrashPurgePayload = basePayloadSchema.extend({ before: z.iso.datetime() });
export type TemplateTrashPurgePayload = z.infer<typeof templateTrashPurgePayload>;

/**
 * Deletes a workspace's templates that have been in the trash longer than 30 days. Enqueued
 * hourly by the workers' scheduler (server/jobs/scheduler.ts) for workspaces with such
 * templates only; one per workspace at a time.
 */
export const templateTrashPurgeJob = defineJob({
  name: "template-trash-purge",
  title: "Trash purge",
  payload: templateTrashPurgePayload,
  handler: async () =>
    (await import("@/server/templates/store/trash-purge-job")).runTemplateTrashPurgeJob,
  timeoutSeconds: 5 * 60,
  retryLimit: 3,
  retryDelaySeconds: 60,
  singletonKey: (payload) => payload.workspaceId,
  batchSize: 5,
});
