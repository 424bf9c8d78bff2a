import { createHash } from "node:crypto";
import { and, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { trainingExamples } from "@/db/schema";

/**
 * The one place that writes and reads training examples, (customer text → template). Call it
 * inside a tenant transaction (`withTenant` / `runInWorkspace`): RLS scopes every statement,
 * and `workspaceId` is written explicitly because the policy's WITH CHECK demands it.
 */
export type TrainingExampleSource =
  | "labelled"
  | "conversation"
  | "faq"
  | "scenario"
  | "agent_choice"
  /** A resolved knowledge gap's messages (server/analysis/service/gap-actions.ts). */
  | "knowledge_gap";

export interface NewTrainingExample {
  text: string;
  templateId: string;
  source: TrainingExampleSource;
  datasetId?: string | null;
  label?: string | null;
  matchScore?: number | null;
}

/** Case and whitespace do not make two examples different. */
export function exampleTextHash(text: string): string {
  const normalised = text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  return createHash("md5").update(normalised).digest("hex");
}

const INSERT_CHUNK = 2_000;

/** Inserts examples; an example already present (same text, template and dataset) is skipped. */
export async function insertTrainingExamples(
  tx: Tx,
  workspaceId: string,
  examples: readonly NewTrainingExample[],
): Promise<{ inserted: number }> {
  let inserted = 0;
  for (let start = 0; start < examples.length; start += INSERT_CHUNK) {
    const chunk = examples.slice(start, start + INSERT_CHUNK).map((example) => ({
      workspaceId,
      text: example.text,
      templateId: example.templateId,
      source: example.source,
      datasetId: example.datasetId ?? null,
      label: example.label ?? null,
      matchScore: example.matchScore ?? null,
      textHash: exampleTextHash(example.text),
    }));
    const rows = await tx
      .insert(trainingExamples)
      .values(chunk)
      .onConflictDoNothing()
      .returning({ id: trainingExamples.id });
    inserted += rows.length;
  }
  return { inserted };
}

export interface TrainingExampleForModel {
  text: string;
  /** exampleTextHash(text), as stored with the example. */
  textHash: string;
  templateId: string;
  source: TrainingExampleSource;
}

/**
 * An example's template may be trained on: not archived, not in the trash, shared with the team
 * (a personal template is its owner's alone, and the model serves the whole workspace).
 */
export const trainableTemplate = sql`exists (select 1 from templates t
  where t.workspace_id = ${trainingExamples.workspaceId} and t.id = ${trainingExamples.templateId}
    and t.status <> 'archived' and t.deleted_at is null and t.visibility = 'everyone')`;

/**
 * The examples a run over `datasetIds` learns from: those of the given datasets plus the ones
 * that belong to no dataset (scenarios, agents' choices); no ids: every example (undefined).
 */
export function ofTrainingDatasets(datasetIds: readonly string[] | undefined): SQL | undefined {
  return datasetIds && datasetIds.length > 0
    ? or(isNull(trainingExamples.datasetId), inArray(trainingExamples.datasetId, [...datasetIds]))
    : undefined;
}

/**
 * What a training run learns from: every example of the workspace, or those of the given
 * datasets plus the examples that belong to no dataset (scenarios, agents' choices). Archived
 * or trashed templates are left out: the model must never suggest them.
 */
export async function loadTrainingExamples(
  tx: Tx,
  options: { datasetIds?: readonly string[] } = {},
): Promise<TrainingExampleForModel[]> {
  const rows = await tx
    .select({
      text: trainingExamples.text,
      textHash: trainingExamples.textHash,
      templateId: trainingExamples.templateId,
      source: trainingExamples.source,
    })
    .from(trainingExamples)
    .where(and(ofTrainingDatasets(options.datasetIds), trainableTemplate))
    .orderBy(trainingExamples.createdAt, trainingExamples.id);
  return rows.map((row) => ({ ...row, source: row.source as TrainingExampleSource }));
}

/** Removes the examples one dataset produced (re-mapping its labels, deleting it). */
export async function deleteDatasetExamples(tx: Tx, datasetId: string): Promise<number> {
  const rows = await tx
    .delete(trainingExamples)
    .where(eq(trainingExamples.datasetId, datasetId))
    .returning({ id: trainingExamples.id });
  return rows.length;
}
