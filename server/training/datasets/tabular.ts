/**
 * CSV, JSON-array and JSONL files of records → raw rows, for conversations, FAQ and labelled
 * examples. The layout is read from the CSV header, or from the first JSON record.
 */
import { csvRecords } from "./csv-stream";
import { jsonArrayElements } from "./json-stream";
import { textLines } from "./lines";
import {
  keyOf,
  LAYOUT_HELP,
  type LabelColumns,
  layoutOf,
  normaliseKeys,
  type RecordLayout,
  rowsOf,
} from "./records";
import { DatasetError, type RawItem } from "./types";

type TableKind = "conversations" | "faq" | "labelled";

function noLayout(kind: TableKind, keys: readonly string[]): DatasetError {
  return new DatasetError(
    `The columns (${keys.slice(0, 12).join(", ") || "none"}) do not fit: expected ${LAYOUT_HELP[kind]}.`,
  );
}

export async function* csvItems(
  chunks: AsyncIterable<string>,
  kind: TableKind,
  maxCell: number,
  columns?: LabelColumns,
): AsyncGenerator<RawItem> {
  let header: string[] | null = null;
  let layout: RecordLayout | null = null;
  for await (const record of csvRecords(chunks, maxCell)) {
    if (!header) {
      if (record.error)
        throw new DatasetError(
          `The header row (line ${record.line}) is unreadable: ${record.error}`,
        );
      header = record.fields.map(keyOf);
      layout = layoutOf(header, kind, columns);
      if (!layout) throw noLayout(kind, record.fields);
      continue;
    }
    if (record.error) {
      yield { line: record.line, error: record.error };
      continue;
    }
    if (record.fields.length !== header.length) {
      yield {
        line: record.line,
        error: `The row has ${record.fields.length} cells; the header has ${header.length}.`,
      };
      continue;
    }
    const object: Record<string, string> = {};
    header.forEach((key, i) => {
      if (!(key in object)) object[key] = record.fields[i] ?? "";
    });
    yield* rowsOf(object, layout as RecordLayout, record.line);
  }
  if (!header) throw new DatasetError("The file has no header row.");
}

/** Rows of one JSON record: a flat record, or a conversation object with a messages array. */
function* recordItems(
  value: unknown,
  index: number,
  kind: TableKind,
  state: { layout: RecordLayout | null },
  columns?: LabelColumns,
): Generator<RawItem> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    yield { line: index, error: "The record is not an object." };
    return;
  }
  const record = normaliseKeys(value as Record<string, unknown>);
  if (kind === "conversations" && Array.isArray(record.messages)) {
    const id = record.id ?? record.conversationid ?? record.conversation;
    const conversationId =
      typeof id === "string" || typeof id === "number" ? String(id) : `record-${index}`;
    for (const message of record.messages) {
      if (typeof message !== "object" || message === null) {
        yield { line: index, error: "A message is not an object." };
        continue;
      }
      const m = normaliseKeys(message as Record<string, unknown>);
      const layout = layoutOf([...Object.keys(m), "conversationid"], "conversations");
      if (layout?.kind !== "messages") {
        yield { line: index, error: "A message has no role and text." };
        continue;
      }
      yield* rowsOf({ ...m, conversationid: conversationId }, layout, index);
    }
    return;
  }
  state.layout ??= layoutOf(Object.keys(record), kind, columns);
  if (!state.layout) throw noLayout(kind, Object.keys(value as object));
  yield* rowsOf(record, state.layout, index);
}

export async function* jsonItems(
  chunks: AsyncIterable<string>,
  kind: TableKind,
  maxRecord: number,
  columns?: LabelColumns,
): AsyncGenerator<RawItem> {
  const state = { layout: null as RecordLayout | null };
  for await (const item of jsonArrayElements(chunks, [], maxRecord)) {
    if ("error" in item) yield { line: item.index, error: item.error };
    else yield* recordItems(item.value, item.index, kind, state, columns);
  }
}

export async function* jsonlItems(
  chunks: AsyncIterable<string>,
  kind: TableKind,
  maxRecord: number,
  columns?: LabelColumns,
): AsyncGenerator<RawItem> {
  const state = { layout: null as RecordLayout | null };
  for await (const { line, text } of textLines(chunks)) {
    if (text.trim() === "") continue;
    if (text.length > maxRecord) {
      yield {
        line,
        error: `The line is longer than ${maxRecord.toLocaleString("en-US")} characters.`,
      };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, error: `Invalid JSON: ${(error as Error).message}` };
      continue;
    }
    yield* recordItems(value, line, kind, state, columns);
  }
}
