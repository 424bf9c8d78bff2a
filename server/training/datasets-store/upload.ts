/**
 * Receiving an upload: the request body is read chunk by chunk, hashed and counted as it
 * arrives, and stored in ~1 MB pieces (dataset_upload_chunks), each in its own short tenant
 * transaction — never the whole file in memory, never one transaction held for the length of
 * the upload (PGlite has a single connection). Parsing is the `dataset-parse` job's work.
 * Over the limit, a client that goes away, or a refused duplicate: the dataset row is deleted
 * and its chunks go with it, so nothing is left behind.
 */
import { createHash } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { Database } from "@/db";
import { datasets, datasetUploadChunks } from "@/db/schema";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import type { ResolvedAccess } from "@/server/access/workspace-access";
import { AppError } from "@/server/errors";
import { datasetParseJob } from "@/server/jobs/definitions/dataset-parse";
import { enqueueJob, jobActorOf } from "@/server/jobs/enqueue";
import { cancelJobBecause } from "@/server/jobs/job-admin";
import { roleAtLeast } from "@/server/workspaces/access";
import type { DatasetKind } from "../datasets/types";

/** Small enough that the parse job, reading behind the upload, never lags far. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

export type UploadRequest = {
  name: string;
  kind: DatasetKind;
  fileName: string | null;
  /** "reject": an upload whose bytes match an earlier dataset is refused (409), nothing kept. */
  ifDuplicate: "allow" | "reject";
  maxBytes: number;
  /** Content-Length, when the client sent one: the parse job's progress is measured against it. */
  declaredBytes?: number;
};

export type UploadResult = {
  dataset: { id: string; name: string; kind: string; status: string; bytes: number };
  jobId: string;
  /** The earlier dataset with the same bytes, if any: the upload went ahead (ifDuplicate=allow). */
  duplicateOf: { id: string; name: string } | null;
};

export class UploadTooLargeError extends AppError {
  constructor(readonly maxBytes: number) {
    super("BAD_REQUEST", `The file is larger than the ${formatMb(maxBytes)} limit.`);
  }
}

export class DuplicateUploadError extends AppError {
  constructor(readonly duplicateOf: { id: string; name: string }) {
    super("CONFLICT", `This file was already uploaded as "${duplicateOf.name}".`);
  }
}

export const formatMb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export function requireDatasetAdmin(access: ResolvedAccess): void {
  if (!roleAtLeast(access.actor.role, "admin")) {
    throw new AppError("FORBIDDEN", "Only a workspace admin can do this");
  }
}

/** Stores the body as a new dataset (status uploading → parsing) and enqueues its parse. */
export async function receiveUpload(
  db: Database,
  access: ResolvedAccess,
  body: AsyncIterable<Uint8Array>,
  request: UploadRequest,
): Promise<UploadResult> {
  requireDatasetAdmin(access);
  const workspaceId = access.workspace.id;
  // The parse job is enqueued with the dataset: it reads the pieces as they are stored, so
  // parsing overlaps the upload (bench ingest), and finishes once the upload is complete.
  const { created, jobId } = await runInWorkspace(db, access, async (scope) => {
    const { tx, actor } = scope;
    const [row] = await tx
      .insert(datasets)
      .values({
        workspaceId,
        name: request.name,
        kind: request.kind,
        fileName: request.fileName,
        status: "uploading",
        bytes: request.declaredBytes ?? 0,
        createdBy: actor.type === "user" ? actor.userId : null,
      })
      .returning({ id: datasets.id });
    if (!row) throw new Error("dataset insert returned nothing");
    const queued = await enqueueJob(scope, datasetParseJob, {
      workspaceId,
      actor: jobActorOf(actor),
      datasetId: row.id,
    });
    if (!queued) throw new Error("dataset-parse job was not enqueued");
    await tx.update(datasets).set({ jobId: queued.jobId }).where(eq(datasets.id, row.id));
    return { created: row.id, jobId: queued.jobId };
  });
  // A refused upload keeps nothing, and its queued parse is cancelled with the reason (the
  // Jobs page shows why it never ran).
  const discard = (reason: string) =>
    runInWorkspace(db, access, async (scope) => {
      await scope.tx.delete(datasets).where(eq(datasets.id, created));
      await cancelJobBecause(scope, jobId, `Upload not stored: ${reason}`);
    });

  const hash = createHash("sha256");
  let bytes = 0;
  let seq = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    const chunkSeq = seq++;
    await runInWorkspace(db, access, ({ tx }) =>
      tx
        .insert(datasetUploadChunks)
        .values({ workspaceId, datasetId: created, seq: chunkSeq, data }),
    );
  };
  try {
    for await (const chunk of body) {
      bytes += chunk.byteLength;
      if (bytes > request.maxBytes) throw new UploadTooLargeError(request.maxBytes);
      hash.update(chunk);
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      if (pendingBytes >= UPLOAD_CHUNK_BYTES) await flush();
    }
    await flush();
  } catch (error) {
    await discard(error instanceof Error ? error.message : "the upload failed");
    throw error;
  }
  const sha256 = hash.digest("hex");

  const earlier = await runInWorkspace(db, access, async ({ tx }) => {
    const [row] = await tx
      .select({ id: datasets.id, name: datasets.name })
      .from(datasets)
      .where(
        and(eq(datasets.sha256, sha256), ne(datasets.id, created), ne(datasets.status, "failed")),
      )
      .orderBy(datasets.createdAt)
      .limit(1);
    return row ?? null;
  });
  if (earlier && request.ifDuplicate === "reject") {
    const refusal = new DuplicateUploadError(earlier);
    await discard(refusal.message);
    throw refusal;
  }
  return runInWorkspace(db, access, async (scope) => {
    const { tx } = scope;
    const [row] = await tx
      .update(datasets)
      .set({
        status: "parsing",
        bytes,
        sha256,
        duplicateOfId: earlier?.id ?? null,
        updatedAt: new Date(),
      })
      .where(eq(datasets.id, created))
      .returning();
    if (!row) throw new Error("dataset vanished during its upload");
    await scope.audit({
      action: "dataset.upload",
      entityType: "dataset",
      entityId: created,
      summary: { name: request.name, kind: request.kind, bytes, duplicateOf: earlier?.id ?? null },
    });
    return {
      dataset: { id: row.id, name: row.name, kind: row.kind, status: row.status, bytes },
      jobId,
      duplicateOf: earlier ?? null,
    };
  });
}
