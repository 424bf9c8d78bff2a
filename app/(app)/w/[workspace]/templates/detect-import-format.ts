import type { ImportFormat } from "@/components/templates/template-types";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A guess at which importer a file is for, from its name and first structure; the author can
 * still pick another. Null when nothing tells.
 */
export function detectImportFormat(fileName: string, text: string): ImportFormat | null {
  if (/\.csv$/i.test(fileName)) return "csv";
  const start = text.trimStart();
  if (!start.startsWith("{") && !start.startsWith("[")) return start === "" ? null : "csv";
  let data: unknown;
  try {
    data = JSON.parse(start);
  } catch {
    return null;
  }
  if (isObject(data) && data.format === "parley.templates") return "json";
  if (isObject(data) && (Array.isArray(data.macros) || isObject(data.macro))) return "zendesk";
  const list = Array.isArray(data) ? data : isObject(data) ? data.payload : null;
  if (Array.isArray(list) && isObject(list[0])) {
    if ("short_code" in list[0]) return "chatwoot";
    if ("actions" in list[0]) return "zendesk";
  }
  return null;
}
