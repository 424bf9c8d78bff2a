/**
 * Writes RFC 4180 CSV (CRLF line ends, fields quoted when needed) and neutralises spreadsheet
 * formulas. A cell starting with = + - @ (or tab / CR, which some spreadsheets also
 * evaluate) is prefixed with a single quote, per DESIGN.md. So that import can undo it
 * exactly, a cell that already starts with quotes before such a character gets one more.
 */
const FORMULA = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return FORMULA.test(cell) ? `'${cell}` : cell;
}

export function restoreFormula(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

function quoteField(field: string): string {
  return /[",\r\n]/.test(field) || field !== field.trim()
    ? `"${field.replaceAll('"', '""')}"`
    : field;
}

export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(quoteField).join(",")}\r\n`).join("");
}
