import type { TemplateDraft } from "../language/template-schema";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function changedItems<T>(before: readonly T[], after: readonly T[], key: (item: T) => string) {
  const beforeByKey = new Map(before.map((item) => [key(item), JSON.stringify(item)]));
  const afterKeys = new Set(after.map(key));
  let changed = 0;
  for (const item of after) {
    const previous = beforeByKey.get(key(item));
    if (previous !== JSON.stringify(item)) changed++; // added or edited
  }
  for (const k of beforeByKey.keys()) if (!afterKeys.has(k)) changed++; // removed
  // Same items in another order still changes what is stored.
  if (changed === 0 && before.map(key).join("\n") !== after.map(key).join("\n")) changed = 1;
  return changed;
}

/**
 * What a save changed, short enough for a version list: "content, 2 variables",
 * "name, status". Variables are matched by name and triggers by kind and value, so an edit
 * to one counts once; "no changes" when the drafts are equal.
 */
export function describeChanges(before: TemplateDraft, after: TemplateDraft): string {
  const parts: string[] = [];
  for (const field of ["name", "category", "content", "status", "language"] as const) {
    if (before[field] !== after[field]) parts.push(field);
  }
  if (before.tags.join("\n") !== after.tags.join("\n")) parts.push("tags");
  const variables = changedItems(before.variables, after.variables, (v) => v.name);
  if (variables > 0) parts.push(plural(variables, "variable"));
  const triggers = changedItems(before.triggers, after.triggers, (t) => `${t.kind}:${t.value}`);
  if (triggers > 0) parts.push(plural(triggers, "trigger"));
  return parts.length > 0 ? parts.join(", ") : "no changes";
}

export function draftsEqual(a: TemplateDraft, b: TemplateDraft): boolean {
  return describeChanges(a, b) === "no changes";
}
