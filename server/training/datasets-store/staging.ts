/**
 * Writing parsed rows fast on both drivers: one statement per batch whose single parameter is
 * a JSON array, unpacked by jsonb_to_recordset. COPY is not an option: PostgreSQL refuses COPY
 * FROM into a table under row-level security, and PGlite has no COPY from a client stream.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { datasetUploadChunks } from "@/db/schema";
import type { DatasetRow } from "../datasets/types";

/** Rows per INSERT: measured (bench ingest) as the knee between round trips and statement size. */
export const STAGE_BATCH = 5_000;
/** Batches written at once, each on its own connection (PGlite simply runs them in turn). */
export const STAGE_PARALLEL = 3;

export type StagedRow = DatasetRow & { seq: number };

export async function stageRows(
  tx: Tx,
  workspaceId: string,
  datasetId: string,
  rows: readonly StagedRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows.map((r) => ({ seq: r.seq, line: r.line, data: r.row })));
  await tx.execute(sql`insert into dataset_rows (workspace_id, dataset_id, seq, line, data)
    select ${workspaceId}::uuid, ${datasetId}::uuid, x.seq, x.line, x.data
    from jsonb_to_recordset(${json}::jsonb) as x(seq int, line int, data jsonb)`);
}

/** One stored piece of an upload, or null past the last one. */
export async function readUploadChunk(
  tx: Tx,
  datasetId: string,
  seq: number,
): Promise<Uint8Array | null> {
  const [row] = await tx
    .select({ data: datasetUploadChunks.data })
    .from(datasetUploadChunks)
    .where(
      sql`${datasetUploadChunks.datasetId} = ${datasetId} and ${datasetUploadChunks.seq} = ${seq}`,
    )
    .orderBy(asc(datasetUploadChunks.seq))
    .limit(1);
  return row ? new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) : null;
}

export async function deleteUploadChunks(tx: Tx, datasetId: string): Promise<void> {
  await tx.delete(datasetUploadChunks).where(eq(datasetUploadChunks.datasetId, datasetId));
}
