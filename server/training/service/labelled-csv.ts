import { parseCsv } from "@/server/templates/interchange/csv-parse";

/**
 * Rows of a labelled CSV file (`text,label` or other named columns), for the CLI `evaluate` and
 * the tests. A file whose header lacks a column is refused with the columns it does have.
 */
export function readLabelledCsv(
  input: string,
  textCol = "text",
  labelCol = "label",
): { text: string; label: string }[] {
  const { records } = parseCsv(input);
  const [head, ...rows] = records;
  const columns = head?.fields ?? [];
  const ti = columns.indexOf(textCol);
  const li = columns.indexOf(labelCol);
  if (ti < 0 || li < 0) {
    throw new Error(
      `the file has no column "${ti < 0 ? textCol : labelCol}" (columns: ${columns.join(", ")})`,
    );
  }
  return rows
    .map((r) => ({ text: (r.fields[ti] ?? "").trim(), label: (r.fields[li] ?? "").trim() }))
    .filter((r) => r.text.length > 0 && r.label.length > 0);
}
