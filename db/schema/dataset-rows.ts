import {
  customType,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  uuid,
} from "drizzle-orm/pg-core";
import type { Row } from "@/server/training/datasets/types";
import { workspaceId } from "./columns";
import { datasets } from "./training";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/**
 * A dataset's parsed rows, in file order (`seq`). Written by the parse job while the dataset is
 * `parsing` and read only once it is `ready`: a failed parse deletes them, so no reader ever
 * sees half a file.
 */
export const datasetRows = pgTable(
  "dataset_rows",
  {
    // No separate FK to workspaces: the composite FK to datasets (which cascades from its
    // workspace) already ties every row to a live workspace, and each FK is a per-row check
    // on insert — measured as a third of the staging cost (bench ingest).
    workspaceId: uuid().notNull(),
    datasetId: uuid().notNull(),
    /** 0-based order of the row in the dataset (the preview's cursor). */
    seq: integer().notNull(),
    /** 1-based source line or record index, as the parser reported it. */
    line: integer().notNull(),
    data: jsonb().$type<Row>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.datasetId, t.seq] }),
    foreignKey({
      name: "dataset_rows_dataset_fk",
      columns: [t.workspaceId, t.datasetId],
      foreignColumns: [datasets.workspaceId, datasets.id],
    }).onDelete("cascade"),
  ],
);

/**
 * The uploaded bytes between the upload and the parse job, in ~4 MB pieces: the route stores
 * them as they arrive (never the whole file in memory), the job streams them through the
 * parser and deletes them when it finishes, whatever the outcome.
 */
export const datasetUploadChunks = pgTable(
  "dataset_upload_chunks",
  {
    workspaceId: workspaceId(),
    datasetId: uuid().notNull(),
    seq: integer().notNull(),
    data: bytea().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.datasetId, t.seq] }),
    foreignKey({
      name: "dataset_upload_chunks_dataset_fk",
      columns: [t.workspaceId, t.datasetId],
      foreignColumns: [datasets.workspaceId, datasets.id],
    }).onDelete("cascade"),
  ],
);

export type DatasetRowRecord = typeof datasetRows.$inferSelect;
