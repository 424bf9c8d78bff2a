import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { datasets } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/access/caller";
import type { Row } from "@/server/training/datasets/types";
import { stageRows } from "@/server/training/datasets-store/staging";
import { handleDatasetUpload } from "@/server/training/datasets-store/upload-route";
import { waitFor } from "./jobs";

export type UploadAs = { apiKey: string } | { user: SessionUser };

/** A POST through the real upload route handler, as the HTTP server would hand it over. */
export async function uploadThroughRoute(
  db: Database,
  options: {
    as: UploadAs;
    slug: string;
    body: Uint8Array | string | ReadableStream<Uint8Array>;
    name?: string;
    kind?: string;
    fileName?: string;
    ifDuplicate?: "allow" | "reject";
    maxBytes?: number;
    contentLength?: number;
  },
): Promise<Response> {
  const url = new URL("http://parley.test/api/datasets");
  url.searchParams.set("name", options.name ?? "Test dataset");
  url.searchParams.set("kind", options.kind ?? "labelled");
  if (options.fileName) url.searchParams.set("fileName", options.fileName);
  if (options.ifDuplicate) url.searchParams.set("ifDuplicate", options.ifDuplicate);
  const headers = new Headers({ host: "parley.test", "x-parley-workspace": options.slug });
  if ("apiKey" in options.as) headers.set("authorization", `Bearer ${options.as.apiKey}`);
  if (options.contentLength !== undefined) {
    headers.set("content-length", String(options.contentLength));
  }
  const request = new Request(url, {
    method: "POST",
    headers,
    body: options.body,
    duplex: "half",
  } as RequestInit);
  const user = "user" in options.as ? options.as.user : null;
  return handleDatasetUpload({
    db,
    request,
    getSessionUser: async () => user,
    ip: null,
    maxBytes: options.maxBytes,
  });
}

/** Waits until the dataset is ready or failed (the parse job ran), and returns its row. */
export function waitForDataset(db: Database, workspaceId: string, datasetId: string, ms = 30_000) {
  return waitFor(
    async () => {
      const [row] = await withTenant(db, workspaceId, (tx) =>
        tx.select().from(datasets).where(eq(datasets.id, datasetId)),
      );
      return row && (row.status === "ready" || row.status === "failed") ? row : undefined;
    },
    { ms, what: `dataset ${datasetId} to be parsed` },
  );
}

/** A ready dataset with these rows, written directly (no upload, no job): for router tests. */
export async function insertReadyDataset(
  db: Database,
  workspaceId: string,
  options: { name?: string; kind?: string; rows: Row[] },
): Promise<string> {
  return withTenant(db, workspaceId, async (tx) => {
    const [row] = await tx
      .insert(datasets)
      .values({
        workspaceId,
        name: options.name ?? "Ready dataset",
        kind: options.kind ?? "labelled",
        status: "ready",
        rowCount: options.rows.length,
      })
      .returning({ id: datasets.id });
    if (!row) throw new Error("no dataset");
    await stageRows(
      tx,
      workspaceId,
      row.id,
      options.rows.map((data, seq) => ({ seq, line: seq + 2, row: data })),
    );
    return row.id;
  });
}
