/**
 * Uploading a training dataset with an API key (write scope): the file is streamed as the
 * request body to POST /api/datasets, then parsed by a background job. Poll
 * `client.datasets.get({ id })` (createParleyClient) until `status` is `ready` or `failed`,
 * or follow `GET /api/jobs/<jobId>/events` (server-sent events).
 */
export type DatasetKind = "conversations" | "faq" | "knowledge" | "labelled";

export type UploadDatasetOptions = {
  /** Where Parley runs, e.g. "https://support.example.com". */
  url: string;
  apiKey: string;
  /** The file: a Blob/File, bytes, or a stream of bytes (Node: Readable.toWeb(createReadStream(…))). */
  file: Blob | Uint8Array | ReadableStream<Uint8Array>;
  kind: DatasetKind;
  name: string;
  /** Helps format detection (.csv, .jsonl, .md, .yml …). */
  fileName?: string;
  /** "reject": refuse a file identical to an earlier upload (409) instead of uploading it again. */
  ifDuplicate?: "allow" | "reject";
  fetch?: typeof fetch;
};

export type UploadDatasetResult = {
  dataset: { id: string; name: string; kind: string; status: string; bytes: number };
  jobId: string;
  duplicateOf: { id: string; name: string } | null;
};

export class UploadDatasetError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly duplicateOf: { id: string; name: string } | null = null,
  ) {
    super(message);
    this.name = "UploadDatasetError";
  }
}

export async function uploadDataset(options: UploadDatasetOptions): Promise<UploadDatasetResult> {
  const url = new URL(`${options.url.replace(/\/+$/, "")}/api/datasets`);
  url.searchParams.set("name", options.name);
  url.searchParams.set("kind", options.kind);
  if (options.fileName) url.searchParams.set("fileName", options.fileName);
  if (options.ifDuplicate) url.searchParams.set("ifDuplicate", options.ifDuplicate);
  const headers: Record<string, string> = {
    authorization: `Bearer ${options.apiKey}`,
    "content-type": "application/octet-stream",
  };
  const { file } = options;
  const response = await (options.fetch ?? fetch)(url, {
    method: "POST",
    headers,
    body: file as BodyInit,
    // Node's fetch needs this to send a stream as the body.
    ...(file instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const body = (await response.json().catch(() => null)) as
    | (UploadDatasetResult & { error?: { code: string; message: string } })
    | { error?: { code: string; message: string }; duplicateOf?: { id: string; name: string } }
    | null;
  if (!response.ok || !body || !("dataset" in body)) {
    const error = body?.error;
    throw new UploadDatasetError(
      response.status,
      error?.code ?? "UNKNOWN",
      error?.message ?? `Upload failed with HTTP ${response.status}`,
      (body && "duplicateOf" in body ? body.duplicateOf : null) ?? null,
    );
  }
  return body;
}
