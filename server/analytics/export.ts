import type { TemplateAnalyticsRow } from "./queries";

/**
 * A cell a spreadsheet would not run as a formula: text starting with = + - @ (or a tab or
 * carriage return, which some spreadsheets skip before looking) gets a leading apostrophe.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const text = typeof value === "number" ? String(value) : neutraliseCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (string | number | null)[][]) {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

const round = (value: number | null, digits: number) =>
  value === null ? null : Number(value.toFixed(digits));

export const TEMPLATE_EXPORT_HEADER = [
  "template_id",
  "template",
  "category",
  "uses",
  "conversations",
  "suggestions_shown",
  "suggestions_inserted",
  "acceptance_rate",
  "edit_rate",
  "resolution_rate",
  "avg_csat",
  "csat_responses",
  "avg_first_response_ms",
] as const;

/** The per-template table as CSV rows (numbers are not neutralised: -0.5 stays a number). */
export function templateExportRows(rows: readonly TemplateAnalyticsRow[]) {
  return rows.map((r) => [
    r.templateId,
    r.name,
    r.categoryName,
    r.uses,
    r.conversations,
    r.shown,
    r.inserted,
    round(r.acceptanceRate, 4),
    round(r.editRate, 4),
    round(r.resolutionRate, 4),
    round(r.avgCsat, 2),
    r.csatCount,
    round(r.avgResponseMs, 0),
  ]);
}
