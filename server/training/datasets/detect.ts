/**
 * Which format a file is, from its name and its first 64 KB of text. The upload route passes
 * the user's choice as `override` when there is one; detection only fills the gap.
 */
import { findKey, keyOf, type LabelColumns, labelKeys } from "./records";
import { type DatasetFormat, type DatasetKind, FORMAT_KIND } from "./types";

export interface Detection {
  format: DatasetFormat;
  /** What the guess rests on, for the upload screen ("header has text,label"). */
  because: string;
}

const extensionOf = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";

function csvHeader(head: string): string[] {
  const first = head.split(/\r\n|\n|\r/, 1)[0] ?? "";
  return first.split(",").map((cell) => keyOf(cell.replace(/^"|"$/g, "")));
}

function csvFormat(head: string, columns?: LabelColumns): Detection {
  const keys = csvHeader(head);
  const because = `header: ${keys.join(",")}`;
  if (labelKeys(keys, columns) && !findKey(keys, "agent"))
    return { format: "labelled-csv", because };
  if (findKey(keys, "question") && findKey(keys, "answer") && !findKey(keys, "role")) {
    return { format: "faq-csv", because };
  }
  return { format: "conversations-csv", because };
}

function jsonFormat(head: string, jsonl: boolean): Detection {
  if (/"tickets"\s*:|"requester_id"\s*:/.test(head))
    return { format: "zendesk-json", because: "Zendesk ticket fields" };
  if (/"conversation_parts"\s*:|"type"\s*:\s*"conversation"/.test(head)) {
    return { format: "intercom-json", because: "Intercom conversation_parts" };
  }
  if (/"question"\s*:/i.test(head) && /"answer"\s*:/i.test(head))
    return { format: "faq-json", because: "question/answer keys" };
  return {
    format: jsonl ? "conversations-jsonl" : "conversations-json",
    because: jsonl ? "one JSON object per line" : "a JSON array",
  };
}

/** FAQ when it has Q:/A: lines, or when most of its (sub)headings are questions. */
function markdownFormat(text: string): Detection {
  if (/^\s*(\*\*|__)?\s*(Q|Question)\s*[:.]/im.test(text)) {
    return { format: "faq-markdown", because: "Markdown with Q:/A:" };
  }
  const headings = text.match(/^#{2,6}\s+.+$/gm) ?? [];
  const questions = headings.filter((h) => h.trimEnd().endsWith("?")).length;
  return questions >= 2 && questions * 2 >= headings.length
    ? { format: "faq-markdown", because: "Markdown headings that are questions" }
    : { format: "knowledge-markdown", because: "Markdown" };
}

export function detectFormat(
  fileName: string,
  head: string,
  override?: DatasetFormat | DatasetKind,
  columns?: LabelColumns,
): Detection {
  if (override && override in FORMAT_KIND)
    return { format: override as DatasetFormat, because: "chosen" };
  const ext = extensionOf(fileName);
  const text = head.replace(/^\uFEFF/, "");
  const start = text.trimStart();
  let found: Detection;
  if (ext === "yml" || ext === "yaml" || /^(version:.*\n)?\s*nlu:/m.test(start.slice(0, 2000))) {
    found = { format: "rasa-yaml", because: "YAML with nlu:" };
  } else if (
    ext === "jsonl" ||
    ext === "ndjson" ||
    (start.startsWith("{") && /}\s*\r?\n\s*{/.test(start))
  ) {
    found = jsonFormat(start, true);
  } else if (ext === "json" || start.startsWith("[") || start.startsWith("{")) {
    found = jsonFormat(start, false);
  } else if (ext === "html" || ext === "htm" || /^<(!doctype|html)/i.test(start)) {
    found = { format: "knowledge-html", because: "HTML" };
  } else if (ext === "md" || ext === "markdown") {
    found = markdownFormat(start);
  } else if (ext === "txt") {
    found = { format: "knowledge-text", because: "plain text" };
  } else {
    found = csvFormat(text, columns);
  }
  if (!override) return found;
  // A kind was chosen: keep the detected container, switch what it holds.
  const container = found.format.split("-").slice(1).join("-");
  const wanted = `${override}-${container}`;
  if (wanted in FORMAT_KIND)
    return { format: wanted as DatasetFormat, because: `chosen ${override}, ${found.because}` };
  if (override === "labelled" && container === "csv")
    return { format: "labelled-csv", because: "chosen" };
  return { format: found.format, because: found.because };
}
