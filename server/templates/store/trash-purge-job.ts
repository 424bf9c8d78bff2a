import type { JobHandler } from "@/server/jobs/define-job";
import type { TemplateTrashPurgePayload } from "@/server/jobs/definitions/template-trash-purge";
import { purgeWorkspaceTrash } from "./trash-purge";

/** One short tenant transaction: the delete is idempotent, so a retry simply finds less. */
export const runTemplateTrashPurgeJob: JobHandler<TemplateTrashPurgePayload> = async (
  context,
  payload,
) => {
  const purged = await context.run((scope) =>
    purgeWorkspaceTrash(scope.tx, payload.workspaceId, new Date(payload.before)),
  );
  await context.progress(100, `Purged ${purged} template${purged === 1 ? "" : "s"}`);
  return { purged };
};
