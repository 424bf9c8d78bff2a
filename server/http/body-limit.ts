/**
 * Request bodies are read as a stream and counted, and the read stops as soon as the count
 * passes the limit: nothing over the limit is ever held in memory or parsed. A declared
 * Content-Length over the limit is refused before reading anything. No Next.js or tRPC here.
 */
export const MiB = 1024 * 1024;

/** Every tRPC request body is at most this, unless its procedure is listed below. */
export const TRPC_BODY_LIMIT = 1 * MiB;

/**
 * Procedures that need more. `templates.import` takes a file of up to 10 million characters
 * (MAX_IMPORT_BYTES) inside a JSON string: with escaping and multi-byte characters that can
 * approach 3 bytes per character, hence 32 MB.
 */
export const PROCEDURE_BODY_LIMITS: Readonly<Record<string, number>> = {
  "templates.import": 32 * MiB,
};

/** Auth.js forms (sign-in, sign-out, CSRF): a few fields. */
export const AUTH_BODY_LIMIT = 64 * 1024;

export type LimitedBody =
  | { ok: true; body: Uint8Array<ArrayBuffer> | null }
  | { ok: false; reason: "declared" | "streamed"; bytes: number };

/** Reads at most `limit` bytes of the request's body. */
export async function readBodyWithin(request: Request, limit: number): Promise<LimitedBody> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) {
    return { ok: false, reason: "declared", bytes: declared };
  }
  if (!request.body) return { ok: true, body: null };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop reading without cancelling: cancelling destroys the socket before the 413 is
      // written. The response says `Connection: close`, so the rest is never read.
      reader.releaseLock();
      return { ok: false, reason: "streamed", bytes: total };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, body };
}

/** The same request with its (already read, within the limit) body. */
export function withBody(request: Request, body: Uint8Array<ArrayBuffer> | null): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: body && request.method !== "GET" && request.method !== "HEAD" ? body : null,
    signal: request.signal,
  });
}

export function formatBytes(bytes: number): string {
  return bytes >= MiB
    ? `${Math.round((bytes / MiB) * 10) / 10} MB`
    : `${Math.round(bytes / 1024)} KB`;
}

/** Headers of every 413: JSON, and the connection is closed so the rest is never read. */
export const TOO_LARGE_HEADERS = {
  "content-type": "application/json",
  connection: "close",
  "cache-control": "no-store",
} as const;
