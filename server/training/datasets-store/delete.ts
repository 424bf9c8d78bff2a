import { eq } from "drizzle-orm";
import { datasets } from "@/db/schema";
import type { TenantScope } from "@/server/workspaces/scope";
import { countExamples, requireDataset } from "./queries";

/**
 * Deletes a dataset: its rows, staged upload bytes and training examples go with it (foreign
 * keys cascade). A parse job still running finds the dataset gone and stops (parse-job.ts).
 */
export async function deleteDataset(scope: TenantScope, input: { id: string }) {
  const dataset = await requireDataset(scope.tx, input.id);
  const examples = await countExamples(scope.tx, input.id);
  await scope.tx.delete(datasets).where(eq(datasets.id, input.id));
  await scope.audit({
    action: "dataset.delete",
    entityType: "dataset",
    entityId: dataset.id,
    summary: { name: dataset.name, kind: dataset.kind, rows: dataset.rowCount, examples },
  });
  return { deleted: true, rows: dataset.rowCount, examples };
}
