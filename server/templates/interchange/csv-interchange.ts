import type { TemplateDraft, TemplateDraftInput } from "../language/template-schema";
import type { TemplateTriggerInput } from "../language/trigger-schema";
import { parseCsv } from "./csv-parse";
import { neutraliseFormula, restoreFormula, writeCsv } from "./csv-write";
import {
  admit,
  emptyReport,
  fileRejected,
  type ImportOptions,
  type ImportReport,
  MAX_IMPORT_TEMPLATES,
  tooLarge,
  tooManyTemplates,
} from "./import-report";
import { inferVariables } from "./infer-variables";

/**
 * CSV is the spreadsheet format: name, category, content and keyword/phrase triggers
 * (`;`-separated). It is lossy by design — variables' types, other trigger kinds, status,
 * tags and language do not survive; JSON is the full-fidelity format.
 */
export const CSV_COLUMNS = ["name", "category", "content", "triggers"] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ["name", "content"];

export function exportTemplatesCsv(templates: readonly TemplateDraft[]): string {
  const rows = templates.map((t) => [
    t.name,
    t.category ?? "",
    t.content,
    t.triggers
      .filter((trigger) => trigger.kind === "keyword" || trigger.kind === "phrase")
      // `;` separates triggers, so it cannot appear inside one.
      .map((trigger) => trigger.value.replaceAll(";", " ").trim())
      .join("; "),
  ]);
  return writeCsv([[...CSV_COLUMNS], ...rows.map((row) => row.map(neutraliseFormula))]);
}

/** One word → keyword (whole-word match); several → phrase. */
export function parseTriggerList(cell: string): TemplateTriggerInput[] {
  return cell
    .split(";")
    .map((value) => value.trim())
    .filter((value) => value !== "")
    .map((value) => ({ kind: /\s/.test(value) ? "phrase" : "keyword", value }));
}

function readHeader(fields: readonly string[]): Map<Column, number> | string {
  const columns = new Map<Column, number>();
  for (const [index, raw] of fields.entries()) {
    const name = raw.trim().toLowerCase();
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) continue; // extra columns are ignored
    if (columns.has(name as Column)) return `The header names the column "${name}" twice.`;
    columns.set(name as Column, index);
  }
  const missing = REQUIRED.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    return `The first line must be a header with the columns ${CSV_COLUMNS.join(", ")}; missing: ${missing.join(", ")}.`;
  }
  return columns;
}

export function importTemplatesCsv(text: string, options: ImportOptions = {}): ImportReport {
  const large = tooLarge(text);
  if (large) return large;
  if (text.trim() === "") return fileRejected("The CSV file is empty.");
  const { records, problems } = parseCsv(text);
  const [header, ...rows] = records;
  if (!header || (problems[0] && problems[0].line < header.line)) {
    return fileRejected(
      `The header line cannot be read: ${problems[0]?.message ?? "it is missing."}`,
    );
  }
  const columns = readHeader(header.fields);
  if (typeof columns === "string") return fileRejected(columns);
  if (rows.length + problems.length > MAX_IMPORT_TEMPLATES) {
    return tooManyTemplates(rows.length + problems.length);
  }

  const report = emptyReport();
  // Interleave rows and unreadable rows by line, so the report reads top to bottom.
  const items = [
    ...rows.map((row) => ({ line: row.line, row })),
    ...problems.map((problem) => ({ line: problem.line, problem })),
  ].sort((a, b) => a.line - b.line);

  for (const item of items) {
    const fields = "problem" in item ? item.problem.fields : item.row.fields;
    const cell = (column: Column) => {
      const index = columns.get(column);
      return restoreFormula(index === undefined ? "" : (fields[index] ?? ""));
    };
    const { line } = item;
    const name = cell("name").trim();
    if ("problem" in item) {
      report.rejected.push({ line, ...(name ? { name } : {}), errors: [item.problem.message] });
      continue;
    }
    if (fields.length !== header.fields.length) {
      report.rejected.push({
        line,
        ...(name ? { name } : {}),
        errors: [
          `Expected ${header.fields.length} fields as in the header, found ${fields.length}.`,
        ],
      });
      continue;
    }
    const content = cell("content");
    const category = cell("category").trim();
    const candidate: TemplateDraftInput = {
      name,
      category: category === "" ? null : category,
      content,
      variables: inferVariables(content),
      triggers: parseTriggerList(cell("triggers")),
    };
    admit(report, candidate, { line, ...(name ? { name } : {}) }, options);
  }
  return report;
}
