/**
 * Reading datasets inside a tenant transaction (RLS scopes every statement). Rows are only
 * read from `ready` datasets: a dataset still parsing has staged rows nobody should see yet.
 */
import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { readRows } from "@/db/migrate";
import { datasetRows, datasets, templates, trainingExamples } from "@/db/schema";
import { notFound } from "@/server/errors";
import type { Row } from "../datasets/types";

export type DatasetSummary = {
  id: string;
  name: string;
  kind: string;
  format: string | null;
  status: string;
  bytes: number;
  rowCount: number;
  duplicateCount: number;
  errorCount: number;
  error: string | null;
  jobId: string | null;
  examples: number;
  createdAt: Date;
};

const summaryColumns = {
  id: datasets.id,
  name: datasets.name,
  kind: datasets.kind,
  format: datasets.format,
  status: datasets.status,
  bytes: datasets.bytes,
  rowCount: datasets.rowCount,
  duplicateCount: datasets.duplicateCount,
  errorCount: datasets.errorCount,
  error: datasets.error,
  jobId: datasets.jobId,
  createdAt: datasets.createdAt,
  // Qualified by hand: drizzle prints a lone table's columns unqualified, which inside the
  // subquery would name the examples' own columns.
  examples: sql<number>`(select count(*)::int from training_examples e
    where e.workspace_id = "datasets"."workspace_id" and e.dataset_id = "datasets"."id")`,
};

export async function listDatasets(tx: Tx, limit = 200): Promise<DatasetSummary[]> {
  return tx
    .select(summaryColumns)
    .from(datasets)
    .orderBy(desc(datasets.createdAt), desc(datasets.id))
    .limit(limit);
}

export async function requireDataset(tx: Tx, id: string) {
  const [row] = await tx.select().from(datasets).where(eq(datasets.id, id));
  if (!row) throw notFound("Dataset");
  return row;
}

export async function getDataset(tx: Tx, id: string) {
  const row = await requireDataset(tx, id);
  const [summary] = await tx.select(summaryColumns).from(datasets).where(eq(datasets.id, id));
  const duplicateOf = row.duplicateOfId
    ? ((
        await tx
          .select({ id: datasets.id, name: datasets.name })
          .from(datasets)
          .where(eq(datasets.id, row.duplicateOfId))
      )[0] ?? null)
    : null;
  return {
    ...(summary as DatasetSummary),
    fileName: row.fileName,
    encoding: row.encoding,
    sha256: row.sha256,
    rowErrors: row.rowErrors,
    duplicateOf,
    labelMapping: row.labelMapping,
  };
}

export type PreviewRow = { seq: number; line: number; data: Row };

/** Rows in file order after `cursor` (the last seq seen). */
export async function previewRows(
  tx: Tx,
  input: { id: string; cursor?: number; limit: number },
): Promise<{ rows: PreviewRow[]; nextCursor: number | null }> {
  const dataset = await requireDataset(tx, input.id);
  if (dataset.status !== "ready") return { rows: [], nextCursor: null };
  const rows = await tx
    .select({ seq: datasetRows.seq, line: datasetRows.line, data: datasetRows.data })
    .from(datasetRows)
    .where(
      and(
        eq(datasetRows.datasetId, input.id),
        input.cursor === undefined ? undefined : gt(datasetRows.seq, input.cursor),
      ),
    )
    .orderBy(asc(datasetRows.seq))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    rows: page,
    nextCursor: rows.length > input.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}

export type LabelCount = {
  label: string;
  rows: number;
  templateId: string | null;
  templateName: string | null;
};

/** A labelled dataset's labels with their row counts and current mapping. */
export async function listLabels(tx: Tx, id: string): Promise<LabelCount[]> {
  const dataset = await requireDataset(tx, id);
  if (dataset.status !== "ready") return [];
  const counts = readRows<{ label: string; n: number }>(
    await tx.execute(sql`select data->>'label' as label, count(*)::int as n from dataset_rows
      where dataset_id = ${id} and data->>'kind' = 'example'
      group by 1 order by 2 desc, 1`),
  );
  const mapping = dataset.labelMapping;
  const ids = [...new Set(Object.values(mapping))];
  const names = new Map(
    ids.length === 0
      ? []
      : (
          await tx
            .select({ id: templates.id, name: templates.name })
            .from(templates)
            .where(and(inArray(templates.id, ids), sql`${templates.deletedAt} is null`))
        ).map((t) => [t.id, t.name]),
  );
  return counts.map(({ label, n }) => {
    const templateId = mapping[label] ?? null;
    const templateName = templateId ? (names.get(templateId) ?? null) : null;
    return { label, rows: n, templateId: templateName ? templateId : null, templateName };
  });
}

/** How many examples a dataset produced, per source. */
export async function countExamples(tx: Tx, id: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(trainingExamples)
    .where(eq(trainingExamples.datasetId, id));
  return row?.n ?? 0;
}
