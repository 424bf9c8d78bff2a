import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { getDatabase } from "@/db";
import { datasets, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { systemAccess } from "@/server/access/workspace-access";
import { datasetParseJob } from "@/server/jobs/definitions/dataset-parse";
import { startWorker } from "@/server/jobs/worker";
import type { DatasetKind } from "@/server/training/datasets/types";
import { receiveUpload } from "@/server/training/datasets-store/upload";
import { DATASET_KINDS, datasetUploadLimit } from "@/server/training/datasets-store/upload-route";

/**
 * `dataset:upload`: the file streamed into a new dataset of the workspace (as the system,
 * audited), then parsed by the dataset-parse job, which this command works itself (an
 * in-process worker for that queue only) and waits for.
 */
export async function datasetUploadCommand(input: {
  workspaceSlug: string;
  file: string;
  kind: string;
  name?: string;
}) {
  if (!(DATASET_KINDS as readonly string[]).includes(input.kind)) {
    throw new Error(`--kind must be one of ${DATASET_KINDS.join(", ")}`);
  }
  const size = statSync(input.file).size;
  const limit = datasetUploadLimit();
  if (size > limit) throw new Error(`the file is ${size} bytes; the limit is ${limit}`);
  const handle = await getDatabase();
  const { db } = handle;
  const [workspace] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.slug, input.workspaceSlug.trim().toLowerCase()))
    .limit(1);
  if (!workspace) throw new Error(`no workspace with slug "${input.workspaceSlug}"`);
  const access = await systemAccess(db, workspace.id);
  const fileName = path.basename(input.file);
  const uploaded = await receiveUpload(db, access, createReadStream(input.file), {
    name: input.name ?? fileName,
    kind: input.kind as DatasetKind,
    fileName,
    ifDuplicate: "allow",
    maxBytes: limit,
  });
  const worker = await startWorker(handle, { mode: "in-process", definitions: [datasetParseJob] });
  try {
    for (;;) {
      const [row] = await withTenant(db, workspace.id, (tx) =>
        tx.select().from(datasets).where(eq(datasets.id, uploaded.dataset.id)),
      );
      if (!row) throw new Error("the dataset was deleted while it was parsed");
      if (row.status === "ready" || row.status === "failed") {
        return {
          ok: row.status === "ready",
          id: row.id,
          name: row.name,
          kind: row.kind,
          format: row.format,
          status: row.status,
          error: row.error,
          bytes: row.bytes,
          rows: row.rowCount,
          duplicates: row.duplicateCount,
          errors: row.errorCount,
          firstErrors: row.rowErrors.slice(0, 10),
          duplicateOf: uploaded.duplicateOf,
          jobId: uploaded.jobId,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await worker.stop({ timeoutMs: 5_000 });
  }
}
