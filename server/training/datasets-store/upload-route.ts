/**
 * `POST /api/datasets`: the raw file is the request body (any content type), streamed.
 *
 *   POST /api/datasets?name=…&kind=labelled&fileName=intents.csv[&ifDuplicate=reject]
 *   x-parley-workspace: <slug>          (required with a session cookie: a header, so a
 *                                        cross-site form cannot post with someone's cookie)
 *   authorization: Bearer <write key>   (or a session cookie of an admin)
 *
 * 201 → { dataset, jobId, duplicateOf }; 413 over the limit (Content-Length checked before
 * anything is read or stored); 409 for a duplicate with ifDuplicate=reject. Errors are JSON
 * `{ error: { code, message } }` like every route handler (server/access/http.ts).
 */
import { z } from "zod";
import type { Database } from "@/db";
import type { SessionUser } from "@/server/access/caller";
import { admitRequest, errorResponse } from "@/server/access/http";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { TOO_LARGE_HEADERS } from "@/server/http/body-limit";
import { safeName } from "@/server/validation/text";
import { DuplicateUploadError, formatMb, receiveUpload, UploadTooLargeError } from "./upload";

export const DATASET_KINDS = ["conversations", "faq", "knowledge", "labelled"] as const;

const paramsSchema = z.object({
  name: safeName({ max: 200, label: "The dataset name" }),
  kind: z.enum(DATASET_KINDS, { error: "kind must be conversations, faq, knowledge or labelled" }),
  fileName: safeName({ max: 255, label: "The file name" }).optional(),
  ifDuplicate: z.enum(["allow", "reject"]).default("allow"),
});

export function datasetUploadLimit(): number {
  return Math.floor(getEnv().DATASET_UPLOAD_MAX_MB * 1024 * 1024);
}

function tooLarge(maxBytes: number): Response {
  const message = `The file is larger than the ${formatMb(maxBytes)} limit.`;
  return new Response(JSON.stringify({ error: { code: "PAYLOAD_TOO_LARGE", message } }), {
    status: 413,
    headers: TOO_LARGE_HEADERS,
  });
}

export async function handleDatasetUpload(options: {
  db: Database;
  request: Request;
  getSessionUser: () => Promise<SessionUser | null>;
  ip: string | null;
  maxBytes?: number;
}): Promise<Response> {
  const { db, request } = options;
  const maxBytes = options.maxBytes ?? datasetUploadLimit();
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(maxBytes);
  try {
    const bearer = /^bearer /i.test(request.headers.get("authorization") ?? "");
    if (!bearer && !request.headers.get("x-parley-workspace")) {
      throw new AppError("BAD_REQUEST", "Name the workspace in the x-parley-workspace header.");
    }
    const { access, headers } = await admitRequest({
      db,
      request,
      getSessionUser: options.getSessionUser,
      intent: "write",
      ip: options.ip,
      cost: 10,
    });
    const url = new URL(request.url);
    const parsed = paramsSchema.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new AppError(
        "BAD_REQUEST",
        first ? `${first.path.join(".")}: ${first.message}` : "Bad parameters",
        z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      );
    }
    if (!request.body) throw new AppError("BAD_REQUEST", "The request has no file in its body.");
    const result = await receiveUpload(db, access, streamOf(request.body), {
      name: parsed.data.name,
      kind: parsed.data.kind,
      fileName: parsed.data.fileName ?? null,
      ifDuplicate: parsed.data.ifDuplicate,
      maxBytes,
      declaredBytes: Number.isFinite(declared) && declared > 0 ? declared : undefined,
    });
    return Response.json(result, { status: 201, headers });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return tooLarge(error.maxBytes);
    if (error instanceof DuplicateUploadError) {
      return Response.json(
        { error: { code: error.code, message: error.message }, duplicateOf: error.duplicateOf },
        { status: 409 },
      );
    }
    return errorResponse(error);
  }
}

/** The body's chunks as an async iterable (a ReadableStream is one on Node, typed or not). */
async function* streamOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
