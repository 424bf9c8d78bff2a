/**
 * The shapes every dataset parser yields. Pure data: no database, no framework.
 */
export type DatasetKind = "conversations" | "faq" | "knowledge" | "labelled";

export type DatasetFormat =
  | "conversations-csv"
  | "conversations-json"
  | "conversations-jsonl"
  | "zendesk-json"
  | "intercom-json"
  | "faq-csv"
  | "faq-json"
  | "faq-markdown"
  | "knowledge-markdown"
  | "knowledge-text"
  | "knowledge-html"
  | "labelled-csv"
  | "rasa-yaml";

export const FORMAT_KIND: Record<DatasetFormat, DatasetKind> = {
  "conversations-csv": "conversations",
  "conversations-json": "conversations",
  "conversations-jsonl": "conversations",
  "zendesk-json": "conversations",
  "intercom-json": "conversations",
  "faq-csv": "faq",
  "faq-json": "faq",
  "faq-markdown": "faq",
  "knowledge-markdown": "knowledge",
  "knowledge-text": "knowledge",
  "knowledge-html": "knowledge",
  "labelled-csv": "labelled",
  "rasa-yaml": "labelled",
};

export type Role = "customer" | "agent" | "note";

export type Row =
  | { kind: "message"; conversationId: string; role: Role; text: string; at: string | null }
  | { kind: "faq"; question: string; answer: string }
  | { kind: "article"; title: string; body: string }
  | { kind: "example"; text: string; label: string };

export interface DatasetRow {
  /** 1-based source line (text formats) or record index (JSON arrays). */
  line: number;
  row: Row;
}

export interface RowError {
  line: number;
  reason: string;
}

/** What a format parser yields before validation: a row or a problem with that record. */
export type RawItem = { line: number; row: Row } | { line: number; error: string };

export type Encoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";

/** A file-level problem: the whole file is refused with this message. */
export class DatasetError extends Error {
  override name = "DatasetError";
}
