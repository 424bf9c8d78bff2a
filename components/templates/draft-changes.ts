import type { DraftLike } from "./editor-form";

export type FieldChange = { field: string; from: string; to: string };
export type ItemChange = {
  kind: "added" | "removed" | "changed";
  label: string;
  details: string[];
};

type VariableLike = DraftLike["variables"][number];
type TriggerLike = DraftLike["triggers"][number];

const show = (value: unknown): string => {
  if (value === undefined || value === null || value === "") return "—";
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.join(", ");
  return String(value);
};

/** Name, category, status, tags and language that differ between two drafts. */
export function fieldChanges(from: DraftLike, to: DraftLike): FieldChange[] {
  const fields = [
    ["Name", from.name, to.name],
    ["Category", from.category, to.category],
    ["Status", from.status, to.status],
    ["Tags", from.tags, to.tags],
    ["Language", from.language, to.language],
  ] as const;
  return fields
    .map(([field, a, b]) => ({ field, from: show(a), to: show(b) }))
    .filter((change) => change.from !== change.to);
}

function describeVariable(from: VariableLike, to: VariableLike): string[] {
  const details: string[] = [];
  const compare = (label: string, a: unknown, b: unknown) => {
    if (show(a) !== show(b)) details.push(`${label}: ${show(a)} → ${show(b)}`);
  };
  compare("type", from.type, to.type);
  compare("required", from.required ? "yes" : "no", to.required ? "yes" : "no");
  compare("fallback", from.fallback, to.fallback);
  compare("options", from.options, to.options);
  compare("pattern", from.pattern, to.pattern);
  compare("description", from.description, to.description);
  return details;
}

/** Variables added, removed or changed, matched by name. */
export function variableChanges(from: DraftLike, to: DraftLike): ItemChange[] {
  const before = new Map(from.variables.map((v) => [v.name, v]));
  const after = new Map(to.variables.map((v) => [v.name, v]));
  const changes: ItemChange[] = [];
  for (const [name, variable] of before) {
    const next = after.get(name);
    if (!next) changes.push({ kind: "removed", label: name, details: [variable.type] });
    else {
      const details = describeVariable(variable, next);
      if (details.length > 0) changes.push({ kind: "changed", label: name, details });
    }
  }
  for (const [name, variable] of after) {
    if (!before.has(name)) changes.push({ kind: "added", label: name, details: [variable.type] });
  }
  return changes;
}

const triggerKey = (t: TriggerLike) => `${t.kind}\u0000${t.value}`;
const triggerLabel = (t: TriggerLike) => `${t.kind}: ${t.value}`;

/** Triggers added, removed or changed (weight, active), matched by kind and value. */
export function triggerChanges(from: DraftLike, to: DraftLike): ItemChange[] {
  const before = new Map(from.triggers.map((t) => [triggerKey(t), t]));
  const after = new Map(to.triggers.map((t) => [triggerKey(t), t]));
  const changes: ItemChange[] = [];
  for (const [key, trigger] of before) {
    const next = after.get(key);
    if (!next) {
      changes.push({ kind: "removed", label: triggerLabel(trigger), details: [] });
      continue;
    }
    const details: string[] = [];
    if ((trigger.weight ?? 1) !== (next.weight ?? 1)) {
      details.push(`weight: ${trigger.weight ?? 1} → ${next.weight ?? 1}`);
    }
    if ((trigger.active ?? true) !== (next.active ?? true)) {
      details.push((next.active ?? true) ? "activated" : "deactivated");
    }
    if (details.length > 0)
      changes.push({ kind: "changed", label: triggerLabel(trigger), details });
  }
  for (const [key, trigger] of after) {
    if (!before.has(key))
      changes.push({ kind: "added", label: triggerLabel(trigger), details: [] });
  }
  return changes;
}
