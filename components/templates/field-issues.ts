import type { EditorForm } from "./editor-form";

/** Messages by dotted path into the draft (`variables.2.name`, `triggers`, `name`). */
export type IssueMap = ReadonlyMap<string, readonly string[]>;

export function buildIssueMap(
  client: readonly { path: string; message: string }[],
  server: Record<string, readonly string[] | undefined> | null | undefined,
): IssueMap {
  const map = new Map<string, string[]>();
  const add = (path: string, message: string) => {
    const list = map.get(path) ?? [];
    if (!list.includes(message)) list.push(message);
    map.set(path, list);
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
