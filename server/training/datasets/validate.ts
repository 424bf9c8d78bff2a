/**
 * Row checks shared by every format: text NFC-normalised; NUL, lone surrogates and bidi
 * controls refused (server/validation/text.ts rules, multi-line); a cell limit; identical rows
 * dropped by a hash of their normalised content and counted.
 */
import { createHash } from "node:crypto";
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

/**
 * Remembers rows by content hash. Messages hash with their conversation, role and time, so
 * "Thanks!" in two conversations is two rows; the same line twice in one conversation at the
 * same time (or both without a time) is one.
 */
export class Deduplicator {
  private readonly seen = new Set<string>();
  duplicates = 0;

  isNew(row: Row): boolean {
    const key = createHash("sha1").update(JSON.stringify(row)).digest("base64");
    if (this.seen.has(key)) {
      this.duplicates += 1;
      return false;
    }
    this.seen.add(key);
    return true;
  }
}
