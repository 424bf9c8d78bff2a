import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { workspaceId } from "./columns";
import { templates } from "./templates";

/**
 * An uploaded file of support history. The parsed rows live in `dataset_rows`; the file itself
 * is not kept (a download is rebuilt from the rows). Status: uploading → parsing → ready | failed.
 * A `failed` dataset keeps no rows: parsing stages them and discards them on failure.
 */
export const datasets = pgTable(
  "datasets",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text().notNull(),
    /** conversations | faq | knowledge | labelled (server/training/datasets/types.ts) */
    kind: text().notNull(),
    /** A DatasetFormat; null until detected. */
    format: text(),
    /** uploading | parsing | ready | failed */
    status: text().notNull().default("uploading"),
    /** sha256 of the uploaded bytes: the same file uploaded twice is detected by this. */
    sha256: text(),
    bytes: integer().notNull().default(0),
    rowCount: integer().notNull().default(0),
    duplicateCount: integer().notNull().default(0),
    errorCount: integer().notNull().default(0),
    /** The first 1,000 row errors, `{ line, reason }[]`; `errorCount` counts all of them. */
    rowErrors: jsonb().$type<{ line: number; reason: string }[]>().notNull().default([]),
    /** A file-level problem (wrong encoding, binary, over the limit) when status is failed. */
    error: text(),
    /** The uploaded file's name (for the download's name and format detection). */
    fileName: text(),
    encoding: text(),
    /** The parse job (Settings → Jobs, /api/jobs/[id]/events). */
    jobId: uuid(),
    /** An earlier dataset of this workspace with the same sha256, when there was one. */
    duplicateOfId: uuid(),
    /** Labelled datasets: label → template id; unmapped labels are absent. */
    labelMapping: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("datasets_workspace_id_id_key").on(t.workspaceId, t.id),
    index("datasets_workspace_created_idx").on(t.workspaceId, t.createdAt.desc()),
    index("datasets_workspace_sha_idx").on(t.workspaceId, t.sha256),
  ],
);

/**
 * (customer text, target template): what the model learns from. Every source — a labelled
 * dataset's label mapping, a conversation's agent reply matched to a template, an FAQ entry, a
 * test scenario, an agent's choice in the inbox — ends up as rows here.
 */
export const trainingExamples = pgTable(
  "training_examples",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    text: text().notNull(),
    templateId: uuid().notNull(),
    /** labelled | conversation | faq | scenario | agent_choice | knowledge_gap */
    source: text().notNull(),
    /** The dataset the example came from; null for scenarios and agent choices. */
    datasetId: uuid(),
    /** The dataset's own label (labelled data), kept so a re-mapping can find its rows. */
    label: text(),
    /** Reply-matching score for examples taken from conversations; null otherwise. */
    matchScore: real(),
    /** md5 of the normalised text: one example per (text, template) and source dataset. */
    textHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("training_examples_workspace_template_idx").on(t.workspaceId, t.templateId),
    index("training_examples_dataset_idx").on(t.workspaceId, t.datasetId),
    uniqueIndex("training_examples_dedup_idx").on(
      t.workspaceId,
      t.templateId,
      t.textHash,
      sql`coalesce(${t.datasetId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    foreignKey({
      name: "training_examples_template_fk",
      columns: [t.workspaceId, t.templateId],
      foreignColumns: [templates.workspaceId, templates.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "training_examples_dataset_fk",
      columns: [t.workspaceId, t.datasetId],
      foreignColumns: [datasets.workspaceId, datasets.id],
    }).onDelete("cascade"),
  ],
);

export type DatasetRecord = typeof datasets.$inferSelect;
export type TrainingExampleRow = typeof trainingExamples.$inferSelect;
