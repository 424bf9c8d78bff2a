import type { EditorForm } from "./editor-form";

/** Messages by dotted path into the draft (`variables.2.name`, `triggers`, `name`). */
export type IssueMap = ReadonlyMap<string, readonly string[]>;

const TOP_FIELDS = new Set(["name", "status", "category", "tags", "language", "content"]);
const VARIABLE_FIELDS = new Set([
  "name",
  "type",
  "required",
  "options",
  "fallback",
  "pattern",
  "description",
]);
const TRIGGER_FIELDS = new Set(["kind", "value", "weight", "active"]);

/**
 * The path of the field that shows a message about `path`: a tag's message goes to the Tags
 * field (`tags.0` → `tags`), an option's to its variable's Options (`variables.1.options.3`).
 * Paths no field shows go to "draft", listed in words above the form.
 */
export function displayPath(path: string): string {
  const [section = "", index, field] = path.split(".");
  if (TOP_FIELDS.has(section)) return section;
  if (section === "variables" || section === "triggers") {
    if (index === undefined || !/^\d+$/.test(index)) return section;
    if (field === undefined) return section === "variables" ? `variables.${index}` : section;
    const known = section === "variables" ? VARIABLE_FIELDS : TRIGGER_FIELDS;
    return known.has(field) ? `${section}.${index}.${field}` : `${section}.${index}`;
  }
  return "draft";
}

/** The part of the draft a field shows, to tell whether the author changed it since. */
function valueAt(draft: unknown, path: string): string {
  const [section = "", index] = displayPath(path).split(".");
  const record = (draft ?? {}) as Record<string, unknown>;
  const value = record[section];
  return JSON.stringify(index !== undefined && Array.isArray(value) ? value[Number(index)] : value);
}

/**
 * Server messages whose field the author has not changed since the failed save: once a field
 * is edited, its old message goes (the next save or the live check says what still applies).
 */
export function unchangedServerErrors(
  server: Record<string, readonly string[] | undefined> | null | undefined,
  failedDraft: unknown,
  currentDraft: unknown,
): Record<string, readonly string[] | undefined> {
  const kept: Record<string, readonly string[] | undefined> = {};
  for (const [path, messages] of Object.entries(server ?? {})) {
    if (failedDraft === null || valueAt(failedDraft, path) === valueAt(currentDraft, path)) {
      kept[path] = messages;
    }
  }
  return kept;
}

export function buildIssueMap(
  client: readonly { path: string; message: string }[],
  server: Record<string, readonly string[] | undefined> | null | undefined,
): IssueMap {
  const map = new Map<string, string[]>();
  const add = (path: string, message: string) => {
    const at = displayPath(path);
    const list = map.get(at) ?? [];
    if (!list.includes(message)) list.push(message);
    map.set(at, list);
  };
  for (const issue of client) add(issue.path, issue.message);
  for (const [path, messages] of Object.entries(server ?? {})) {
    for (const message of messages ?? []) add(path, message);
  }
  return map;
}

export function issueAt(issues: IssueMap, path: string): string | undefined {
  const messages = issues.get(path);
  return messages && messages.length > 0 ? messages.join(" ") : undefined;
}

/** A field the author has not filled in yet: its "required" message waits for a save attempt. */
export function isBlankField(form: EditorForm, path: string): boolean {
  const [section, index, field] = path.split(".");
  if (section === "name" || section === "content") return form[section].trim() === "";
  if (section === "variables" && index !== undefined && field === "name") {
    return (form.variables[Number(index)]?.name ?? "").trim() === "";
  }
  if (section === "triggers" && index !== undefined && field === "value") {
    return (form.triggers[Number(index)]?.value ?? "").trim() === "";
  }
  return false;
}
