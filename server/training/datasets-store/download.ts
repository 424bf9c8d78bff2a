/**
 * `GET /api/datasets/<id>/download?workspace=<slug>[&format=csv|jsonl]`: the dataset rebuilt
 * from its rows (the uploaded file itself is not kept), streamed page by page — each page read
 * in its own short tenant transaction, so a large download holds no connection between pages.
 * Any member may download (it is a read); a dataset of another workspace is a 404.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import type { Database } from "@/db";
import { datasetRows } from "@/db/schema";
import type { SessionUser } from "@/server/access/caller";
import { admitRequest, errorResponse } from "@/server/access/http";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { AppError, notFound } from "@/server/errors";
import type { Row } from "../datasets/types";
import { requireDataset } from "./queries";

const PAGE = 2_000;

const COLUMNS: Record<string, string[]> = {
  conversations: ["conversation_id", "role", "text", "timestamp"],
  faq: ["question", "answer"],
  knowledge: ["title", "body"],
  labelled: ["text", "label"],
};

function cells(row: Row): string[] {
  switch (row.kind) {
    case "message":
      return [row.conversationId, row.role, row.text, row.at ?? ""];
    case "faq":
      return [row.question, row.answer];
    case "article":
      return [row.title, row.body];
    case "example":
      return [row.text, row.label];
  }
}

/** RFC 4180 quoting; a leading =+-@ is prefixed with ' so spreadsheets do not run it. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function jsonRecord(row: Row): Record<string, unknown> {
  const { kind: _kind, ...rest } = row;
  return rest;
}

export async function handleDatasetDownload(options: {
  db: Database;
  request: Request;
  datasetId: string;
  getSessionUser: () => Promise<SessionUser | null>;
  ip: string | null;
}): Promise<Response> {
  const { db, request, datasetId } = options;
  try {
    const { access, headers } = await admitRequest({
      db,
      request,
      getSessionUser: options.getSessionUser,
      intent: "read",
      ip: options.ip,
      cost: 10,
    });
    if (!/^[0-9a-f-]{36}$/i.test(datasetId)) throw notFound("Dataset");
    const format = new URL(request.url).searchParams.get("format") ?? "csv";
    if (format !== "csv" && format !== "jsonl") {
      throw new AppError("BAD_REQUEST", "format must be csv or jsonl");
    }
    const dataset = await runInWorkspace(db, access, ({ tx }) => requireDataset(tx, datasetId));
    if (dataset.status !== "ready") throw new AppError("CONFLICT", "The dataset is not ready.");
    const encoder = new TextEncoder();
    let after = -1;
    let headerSent = false;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!headerSent && format === "csv") {
          headerSent = true;
          controller.enqueue(encoder.encode(`${(COLUMNS[dataset.kind] ?? []).join(",")}\r\n`));
          return;
        }
        const page = await runInWorkspace(db, access, ({ tx }) =>
          tx
            .select({ seq: datasetRows.seq, data: datasetRows.data })
            .from(datasetRows)
            .where(and(eq(datasetRows.datasetId, datasetId), gt(datasetRows.seq, after)))
            .orderBy(asc(datasetRows.seq))
            .limit(PAGE),
        );
        if (page.length === 0) {
          controller.close();
          return;
        }
        after = page.at(-1)?.seq ?? after;
        const text = page
          .map(({ data }) =>
            format === "csv"
              ? `${cells(data).map(csvCell).join(",")}\r\n`
              : `${JSON.stringify(jsonRecord(data))}\n`,
          )
          .join("");
        controller.enqueue(encoder.encode(text));
      },
    });
    const base = dataset.name.replace(/[^\w.-]+/g, "-").slice(0, 80) || "dataset";
    return new Response(stream, {
      status: 200,
      headers: {
        ...headers,
        "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson",
        "content-disposition": `attachment; filename="${base}.${format}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
