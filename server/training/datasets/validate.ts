/**
 * Row checks shared by every format: text NFC-normalised; NUL, lone surrogates and bidi
 * controls refused (server/validation/text.ts rules, multi-line); a cell limit; identical rows
 * dropped by a hash of their normalised content and counted.
 */
import { textProblem } from "@/server/validation/text";
import type { Row } from "./types";

const textsOf = (row: Row): [string, string][] => {
  switch (row.kind) {
    case "message":
      return [
        ["message text", row.text],
        ["conversation id", row.conversationId],
      ];
    case "faq":
      return [
        ["question", row.question],
        ["answer", row.answer],
      ];
    case "article":
      return [
        ["title", row.title],
        ["body", row.body],
      ];
    case "example":
      return [
        ["text", row.text],
        ["label", row.label],
      ];
  }
};

function normalised(row: Row): Row {
  switch (row.kind) {
    case "message":
      return {
        ...row,
        text: row.text.normalize("NFC"),
        conversationId: row.conversationId.normalize("NFC"),
      };
    case "faq":
      return {
        kind: "faq",
        question: row.question.normalize("NFC"),
        answer: row.answer.normalize("NFC"),
      };
    case "article":
      return {
        kind: "article",
        title: row.title.normalize("NFC"),
        body: row.body.normalize("NFC"),
      };
    case "example":
      return {
        kind: "example",
        text: row.text.normalize("NFC"),
        label: row.label.normalize("NFC"),
      };
  }
}

/** The row, NFC-normalised, or why it is refused. */
export function checkRow(row: Row, maxCell: number): { row: Row } | { error: string } {
  for (const [name, value] of textsOf(row)) {
    // Articles are split to the limit upstream; other cells over it are refused, not cut.
    if (value.length > maxCell) {
      return {
        error: `The ${name} is ${value.length.toLocaleString("en-US")} characters long; the limit is ${maxCell.toLocaleString("en-US")}.`,
      };
    }
    const problem = textProblem(value, { multiline: true });
    if (problem) return { error: `The ${name} ${problem}` };
  }
  return { row: normalised(row) };
}

/** The row's content as one string, fields separated by \u0001 (a control no real text has). */
function contentOf(row: Row): string {
  switch (row.kind) {
    case "message":
      return `m\u0001${row.conversationId}\u0001${row.role}\u0001${row.at ?? ""}\u0001${row.text}`;
    case "faq":
      return `f\u0001${row.question}\u0001${row.answer}`;
    case "article":
      return `a\u0001${row.title}\u0001${row.body}`;
    case "example":
      return `e\u0001${row.text}\u0001${row.label}`;
  }
}

/**
 * 64 bits of hash as two 32-bit FNV-1a variants (different offset bases and a final mix):
 * a crypto hash per row was a sixth of parse time (bench/parse-datasets.ts). Two different
 * rows collide with probability ~n²/2^65: ~3·10^-8 for a million rows.
 */
export function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}.${text.length}`;
}

/**
 * Remembers rows by content hash. Messages hash with their conversation, role and time, so
 * "Thanks!" in two conversations is two rows; the same line twice in one conversation at the
 * same time (or both without a time) is one.
 */
export class Deduplicator {
  private readonly seen = new Set<string>();
  duplicates = 0;

  isNew(row: Row): boolean {
    const key = contentHash(contentOf(row));
    if (this.seen.has(key)) {
      this.duplicates += 1;
      return false;
    }
    this.seen.add(key);
    return true;
  }
}
