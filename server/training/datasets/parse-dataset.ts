/**
 * One entry point for the upload route and the parse job: bytes in (an async iterable of
 * chunks, never the whole file), validated rows out, then an outcome — `ready` with counts, or
 * `failed` with a reason. Row errors keep their line: the first 1,000 are kept, all counted.
 */
import { type ByteStats, openText } from "./decode";
import { type Detection, detectFormat } from "./detect";
import { faqMarkdownItems, htmlArticles, markdownArticles, textArticles } from "./documents";
import { helpdeskItems } from "./helpdesk";
import { rasaItems } from "./rasa";
import type { LabelColumns } from "./records";
import { csvItems, jsonItems, jsonlItems } from "./tabular";
import {
  DatasetError,
  type DatasetFormat,
  type DatasetKind,
  type DatasetRow,
  type Encoding,
  FORMAT_KIND,
  type RawItem,
  type RowError,
} from "./types";
import { checkRow, Deduplicator } from "./validate";

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
export const DEFAULT_MAX_CELL = 20_000;
export const DEFAULT_MAX_ERRORS = 1_000;
/** One JSON record (a ticket with all its comments) may be far larger than a cell. */
const MAX_RECORD_CHARS = 5 * 1024 * 1024;

export interface ParseOptions {
  fileName?: string;
  /** The user's choice of format or kind; detection fills the rest. */
  format?: DatasetFormat | DatasetKind;
  columns?: LabelColumns;
  maxBytes?: number;
  maxCellChars?: number;
  maxErrors?: number;
}

export interface DatasetOutcome {
  status: "ready" | "failed";
  /** Why the file failed; null when ready. */
  reason: string | null;
  format: DatasetFormat | null;
  kind: DatasetKind | null;
  detectedBecause: string | null;
  encoding: Encoding | null;
  bytes: number;
  /** sha256 of the bytes, when the whole file was read. */
  sha256: string | null;
  rows: number;
  duplicates: number;
  errorCount: number;
  errors: RowError[];
}

export interface DatasetParse {
  rows: AsyncGenerator<DatasetRow>;
  /** Final once `rows` is exhausted. */
  outcome(): DatasetOutcome;
}

function itemsFor(
  format: DatasetFormat,
  chunks: AsyncGenerator<string>,
  options: Required<Pick<ParseOptions, "maxCellChars">> & ParseOptions,
): AsyncGenerator<RawItem> {
  const cell = options.maxCellChars;
  const title = (options.fileName ?? "Untitled").replace(/\.[a-z0-9]+$/i, "");
  switch (format) {
    case "conversations-csv":
      return csvItems(chunks, "conversations", cell);
    case "faq-csv":
      return csvItems(chunks, "faq", cell);
    case "labelled-csv":
      return csvItems(chunks, "labelled", cell, options.columns);
    case "conversations-json":
      return jsonItems(chunks, "conversations", MAX_RECORD_CHARS);
    case "faq-json":
      return jsonItems(chunks, "faq", MAX_RECORD_CHARS);
    case "conversations-jsonl":
      return jsonlItems(chunks, "conversations", MAX_RECORD_CHARS);
    case "zendesk-json":
    case "intercom-json": {
      const jsonl = /\.(jsonl|ndjson)$/i.test(options.fileName ?? "");
      return helpdeskItems(
        chunks,
        format === "zendesk-json" ? "zendesk" : "intercom",
        jsonl,
        MAX_RECORD_CHARS,
      );
    }
    case "faq-markdown":
      return faqMarkdownItems(chunks);
    case "knowledge-markdown":
      return markdownArticles(chunks, title, cell);
    case "knowledge-text":
      return textArticles(chunks, cell);
    case "knowledge-html":
      return htmlArticles(chunks, title, cell);
    case "rasa-yaml":
      return rasaItems(chunks);
  }
}

export function parseDataset(
  source: AsyncIterable<Uint8Array>,
  options: ParseOptions = {},
): DatasetParse {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxCellChars = options.maxCellChars ?? DEFAULT_MAX_CELL;
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
  const outcome: DatasetOutcome = {
    status: "failed",
    reason: "The file has not been read yet.",
    format: null,
    kind: null,
    detectedBecause: null,
    encoding: null,
    bytes: 0,
    sha256: null,
    rows: 0,
    duplicates: 0,
    errorCount: 0,
    errors: [],
  };
  const fail = (reason: string) => {
    outcome.status = "failed";
    outcome.reason = reason;
  };

  async function* rows(): AsyncGenerator<DatasetRow> {
    const dedupe = new Deduplicator();
    const rowError = (line: number, reason: string) => {
      outcome.errorCount += 1;
      if (outcome.errors.length < maxErrors) outcome.errors.push({ line, reason });
    };
    const stats: ByteStats = { bytes: 0, sha256: null };
    try {
      const text = await openText(source, maxBytes, stats);
      outcome.encoding = text.encoding;
      const detection: Detection = detectFormat(
        options.fileName ?? "",
        text.head,
        options.format,
        options.columns,
      );
      outcome.format = detection.format;
      outcome.kind = FORMAT_KIND[detection.format];
      outcome.detectedBecause = detection.because;
      for await (const item of itemsFor(detection.format, text.chunks, {
        ...options,
        maxCellChars,
      })) {
        outcome.bytes = text.stats.bytes;
        if ("error" in item) {
          rowError(item.line, item.error);
          continue;
        }
        const checked = checkRow(item.row, maxCellChars);
        if ("error" in checked) {
          rowError(item.line, checked.error);
          continue;
        }
        if (!dedupe.isNew(checked.row)) continue;
        outcome.rows += 1;
        yield { line: item.line, row: checked.row };
      }
      outcome.bytes = text.stats.bytes;
      outcome.sha256 = text.stats.sha256;
      outcome.duplicates = dedupe.duplicates;
      if (outcome.rows === 0) {
        fail(
          outcome.errorCount > 0
            ? `No usable rows: all ${outcome.errorCount.toLocaleString("en-US")} had errors (see the list).`
            : "The file holds no rows.",
        );
      } else {
        outcome.status = "ready";
        outcome.reason = null;
      }
    } catch (error) {
      outcome.duplicates = dedupe.duplicates;
      outcome.bytes = stats.bytes;
      if (error instanceof DatasetError) fail(error.message);
      else throw error;
    }
  }

  return { rows: rows(), outcome: () => ({ ...outcome, errors: [...outcome.errors] }) };
}

/** Reads a whole parse: for tests and small files. */
export async function collect(
  parse: DatasetParse,
): Promise<{ rows: DatasetRow[]; outcome: DatasetOutcome }> {
  const rows: DatasetRow[] = [];
  for await (const row of parse.rows) rows.push(row);
  return { rows, outcome: parse.outcome() };
}
