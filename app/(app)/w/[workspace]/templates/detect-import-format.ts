import type { ImportFormat } from "@/components/templates/template-types";
import { binaryFileProblem } from "@/server/templates/interchange/text-file";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export type Detected =
  | { kind: "format"; format: ImportFormat }
  /** Not text at all: refused before it reaches the text box. */
  | { kind: "binary"; message: string }
  /** Nothing tells: the chosen format stays. */
  | { kind: "unknown" };

/** A CSV of templates names its columns in the first line: at least name and content. */
function looksLikeTemplateCsv(text: string): boolean {
  const firstLine = text.slice(0, 2000).split(/\r\n|\n|\r/, 1)[0] ?? "";
  const columns = firstLine
    .toLowerCase()
    .split(/[,;]/)
    .map((c) => c.trim().replaceAll('"', ""));
  return columns.includes("name") && columns.includes("content");
}

/**
 * Which importer a file (or pasted text) is for, from its content: the file name is only a
 * tie-breaker, so a PNG or plain text named ".json" is never taken for CSV. The author can
 * still pick another format.
 */
export function detectImportFormat(fileName: string, text: string): Detected {
  const binary = binaryFileProblem(text);
  if (binary) return { kind: "binary", message: binary };
  const start = text.trimStart();
  if (start.startsWith("{") || start.startsWith("[")) {
    let data: unknown;
    try {
      data = JSON.parse(start);
    } catch {
      return { kind: "unknown" };
    }
    if (isObject(data) && data.format === "parley.templates")
      return { kind: "format", format: "json" };
    if (isObject(data) && (Array.isArray(data.macros) || isObject(data.macro))) {
      return { kind: "format", format: "zendesk" };
    }
    const list = Array.isArray(data) ? data : isObject(data) ? data.payload : null;
    if (Array.isArray(list) && isObject(list[0])) {
      if ("short_code" in list[0]) return { kind: "format", format: "chatwoot" };
      if ("actions" in list[0]) return { kind: "format", format: "zendesk" };
    }
    return { kind: "unknown" };
  }
  if (looksLikeTemplateCsv(start)) return { kind: "format", format: "csv" };
  return /\.csv$/i.test(fileName) && start !== ""
    ? { kind: "format", format: "csv" }
    : { kind: "unknown" };
}
