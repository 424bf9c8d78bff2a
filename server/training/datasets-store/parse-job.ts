/**
 * The `dataset-parse` job: streams the stored upload through parseDataset, stages rows in
 * batches (each its own short transaction, progress after each), then in one transaction
 * flips the dataset to `ready` with its counts — or, on failure, deletes every staged row and
 * marks it `failed` with the reason. Readers only read rows of `ready` datasets, so nobody
 * sees half a file. A retry (worker died) clears the staged rows and parses again from the
 * stored bytes, which are deleted only once the dataset is ready or failed.
 */
import { eq } from "drizzle-orm";
import { datasetRows, datasets } from "@/db/schema";
import { getEnv } from "@/server/env";
import { JobCancelledError, type JobContext, type JobHandler } from "@/server/jobs/define-job";
import type { DatasetParsePayload } from "@/server/jobs/definitions/dataset-parse";
import { type DatasetOutcome, parseDataset } from "../datasets/parse-dataset";
import type { DatasetKind } from "../datasets/types";
import {
  deleteUploadChunks,
  readUploadChunk,
  STAGE_BATCH,
  STAGE_PARALLEL,
  type StagedRow,
  stageRows,
} from "./staging";

/** How often the job looks for the next piece of a file still being uploaded. */
const UPLOAD_POLL_MS = 40;

/** The dataset was deleted under the job (upload refused or abandoned, or an admin deleted it). */
class DatasetGoneError extends Error {}

export const runDatasetParseJob: JobHandler<DatasetParsePayload> = async (context, payload) => {
  const { datasetId } = payload;
  const [dataset] = await context.run(({ tx }) =>
    tx.select().from(datasets).where(eq(datasets.id, datasetId)),
  );
  if (!dataset) return { skipped: "the dataset was deleted" };
  if (dataset.status !== "parsing" && dataset.status !== "uploading") {
    return { skipped: `the dataset is ${dataset.status}` };
  }
  await context.run(({ tx }) => tx.delete(datasetRows).where(eq(datasetRows.datasetId, datasetId)));
  await context.progress(
    1,
    dataset.status === "uploading" ? "Receiving the file" : "Reading the file",
  );

  let total = Math.max(1, dataset.bytes);
  let read = 0;
  /** The stored pieces in order; while the upload goes on, waits for the next one. */
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let seq = 0; ; seq++) {
      for (;;) {
        const chunk = await context.run(({ tx }) => readUploadChunk(tx, datasetId, seq));
        if (chunk) {
          read += chunk.byteLength;
          yield chunk;
          break;
        }
        const [now] = await context.run(({ tx }) =>
          tx
            .select({ status: datasets.status, bytes: datasets.bytes })
            .from(datasets)
            .where(eq(datasets.id, datasetId)),
        );
        if (!now) throw new DatasetGoneError();
        if (now.status !== "uploading") {
          // Complete: every piece committed before the status changed. One last look.
          total = Math.max(1, now.bytes);
          const last = await context.run(({ tx }) => readUploadChunk(tx, datasetId, seq));
          if (!last) return;
          read += last.byteLength;
          yield last;
          break;
        }
        if (context.signal.aborted) throw new JobCancelledError();
        await new Promise((resolve) => setTimeout(resolve, UPLOAD_POLL_MS));
      }
    }
  }
  const parse = parseDataset(chunks(), {
    fileName: dataset.fileName ?? undefined,
    format: dataset.kind as DatasetKind,
    maxBytes: getEnv().DATASET_UPLOAD_MAX_MB * 1024 * 1024,
  });
  const started = Date.now();
  let batch: StagedRow[] = [];
  let seq = 0;
  let reportedAt = 0;
  // Batches are written on up to STAGE_PARALLEL connections at once while parsing goes on:
  // measured (bench ingest), one writer at a time left PostgreSQL's second core idle.
  const inFlight = new Set<Promise<void>>();
  let writeError: unknown = null;
  const report = async () => {
    if (context.signal.aborted) throw new JobCancelledError();
    if (Date.now() - reportedAt < 500) return;
    reportedAt = Date.now();
    const fraction = Math.min(1, read / total);
    const elapsed = (Date.now() - started) / 1000;
    await context.progress(
      Math.min(98, 1 + Math.floor(fraction * 97)),
      `${seq.toLocaleString("en-US")} rows read`,
      {
        rows: seq,
        bytesRead: read,
        bytes: dataset.bytes,
        etaSeconds: fraction > 0 ? Math.round((elapsed / fraction) * (1 - fraction)) : null,
      },
    );
  };
  const flush = async () => {
    const rows = batch;
    batch = [];
    const write = context
      .run(({ tx }) => stageRows(tx, payload.workspaceId, datasetId, rows))
      .catch((error: unknown) => {
        writeError ??= error;
      })
      .finally(() => inFlight.delete(write));
    inFlight.add(write);
    if (inFlight.size >= STAGE_PARALLEL) await Promise.race(inFlight);
    if (writeError) throw writeError;
    await report();
  };
  try {
    for await (const { line, row } of parse.rows) {
      batch.push({ seq: seq++, line, row });
      if (batch.length >= STAGE_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    await Promise.all(inFlight);
    if (writeError) throw writeError;
  } catch (error) {
    await Promise.allSettled(inFlight);
    if (error instanceof DatasetGoneError || !(await stillThere(context, datasetId))) {
      return { skipped: "the dataset was deleted" };
    }
    if (error instanceof JobCancelledError || context.lastAttempt) {
      await finishFailed(
        context,
        datasetId,
        null,
        error instanceof JobCancelledError
          ? "Parsing was cancelled."
          : "Parsing stopped on an internal error; upload the file again.",
      );
    }
    throw error;
  }
  const outcome = parse.outcome();
  // A file refused early (a zip, bad encoding) fails before its upload ends: let the upload
  // finish (or be discarded) first, so the final state and clean-up are this job's.
  if (!(await uploadFinished(context, datasetId))) return { skipped: "the dataset was deleted" };
  if (outcome.status === "failed") {
    await finishFailed(
      context,
      datasetId,
      outcome,
      outcome.reason ?? "The file could not be read.",
    );
    return { status: "failed", reason: outcome.reason, errorCount: outcome.errorCount };
  }
  await context.run(async ({ tx }) => {
    await deleteUploadChunks(tx, datasetId);
    await tx
      .update(datasets)
      .set({ status: "ready", error: null, ...counts(outcome), updatedAt: new Date() })
      .where(eq(datasets.id, datasetId));
  });
  await context.progress(100, `${outcome.rows.toLocaleString("en-US")} rows ready`, {
    rows: outcome.rows,
  });
  return { status: "ready", rows: outcome.rows, errorCount: outcome.errorCount };
};

/** Waits until the upload is complete; false when the dataset was deleted meanwhile. */
async function uploadFinished(context: JobContext, datasetId: string): Promise<boolean> {
  for (;;) {
    const [row] = await context.run(({ tx }) =>
      tx.select({ status: datasets.status }).from(datasets).where(eq(datasets.id, datasetId)),
    );
    if (!row) return false;
    if (row.status !== "uploading") return true;
    await new Promise((resolve) => setTimeout(resolve, UPLOAD_POLL_MS * 5));
  }
}

async function stillThere(context: JobContext, datasetId: string): Promise<boolean> {
  const rows = await context.run(({ tx }) =>
    tx.select({ id: datasets.id }).from(datasets).where(eq(datasets.id, datasetId)),
  );
  return rows.length > 0;
}

function counts(outcome: DatasetOutcome) {
  return {
    format: outcome.format,
    encoding: outcome.encoding,
    rowCount: outcome.rows,
    duplicateCount: outcome.duplicates,
    errorCount: outcome.errorCount,
    rowErrors: outcome.errors,
  };
}

/** Failed: no rows, no stored bytes, the reason and the row errors kept. */
async function finishFailed(
  context: JobContext,
  datasetId: string,
  outcome: DatasetOutcome | null,
  reason: string,
): Promise<void> {
  await context.run(async ({ tx }) => {
    await tx.delete(datasetRows).where(eq(datasetRows.datasetId, datasetId));
    await deleteUploadChunks(tx, datasetId);
    await tx
      .update(datasets)
      .set({
        status: "failed",
        error: reason,
        ...(outcome ? { ...counts(outcome), rowCount: 0 } : { rowCount: 0 }),
        updatedAt: new Date(),
      })
      .where(eq(datasets.id, datasetId));
  });
}
