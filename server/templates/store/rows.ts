import type {
  TemplateTriggerRow,
  TemplateVariableRow,
  templateStatus,
  templateTriggerKind,
  templateVariableType,
} from "@/db/schema";
import type { TEMPLATE_STATUSES, TemplateDraft } from "../language/template-schema";
import type { TemplateTrigger, TRIGGER_KINDS } from "../language/trigger-schema";
import type { TemplateVariable, VARIABLE_TYPES } from "../language/variable-schema";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The database enums and the core's zod enums must list the same values: a value added to
// one and not the other would fail at run time, so make it fail to compile instead.
const enumsAgree: [
  Same<(typeof templateStatus.enumValues)[number], (typeof TEMPLATE_STATUSES)[number]>,
  Same<(typeof templateVariableType.enumValues)[number], (typeof VARIABLE_TYPES)[number]>,
  Same<(typeof templateTriggerKind.enumValues)[number], (typeof TRIGGER_KINDS)[number]>,
] = [true, true, true];
void enumsAgree;

/** A person as lists show them; null when an API key, the CLI or a removed user acted. */
export type PersonRef = { name: string | null; email: string } | null;

export function personRef(name: string | null, email: string | null): PersonRef {
  return email === null ? null : { name, email };
}

/** Optional fields are absent, not null, exactly as the core's schema produces them. */
export function variableFromRow(row: TemplateVariableRow): TemplateVariable {
  return {
    name: row.name,
    type: row.type,
    required: row.required,
    ...(row.fallback !== null && { fallback: row.fallback }),
    ...(row.options !== null && { options: row.options }),
    ...(row.pattern !== null && { pattern: row.pattern }),
    ...(row.description !== null && { description: row.description }),
  };
}

export function triggerFromRow(row: TemplateTriggerRow): TemplateTrigger {
  return { kind: row.kind, value: row.value, weight: row.weight, active: row.active };
}

export function variableRows(workspaceId: string, templateId: string, draft: TemplateDraft) {
  return draft.variables.map((v, position) => ({
    workspaceId,
    templateId,
    position,
    name: v.name,
    type: v.type,
    required: v.required,
    fallback: v.fallback ?? null,
    options: v.options ?? null,
    pattern: v.pattern ?? null,
    description: v.description ?? null,
  }));
}

export function triggerRows(workspaceId: string, templateId: string, draft: TemplateDraft) {
  return draft.triggers.map((t, position) => ({
    workspaceId,
    templateId,
    position,
    kind: t.kind,
    value: t.value,
    weight: t.weight,
    active: t.active,
  }));
}

/**
 * Trigger weights are stored as `real`; PostgreSQL reads a real back as the shortest decimal
 * that is the same float4 (0.7 stays 0.7, but 1/3 comes back as 0.33333334). Saving that value
 * up front keeps the draft, its version snapshot and what `get` returns identical.
 */
export function toStoredWeight(weight: number): number {
  const single = Math.fround(weight);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(single.toPrecision(digits));
    if (Math.fround(candidate) === single) return candidate;
  }
  return single;
}

/** The draft as it will be stored: trimmed values from the schema, weights as reals. */
export function storedDraft(draft: TemplateDraft): TemplateDraft {
  return {
    ...draft,
    triggers: draft.triggers.map((t) => ({ ...t, weight: toStoredWeight(t.weight) })),
  };
}

/**
 * What search finds a template by besides its name and content: the values people type
 * (keywords, phrases, intent labels); regex patterns and sentiments are not words.
 */
export function triggerSearchText(draft: TemplateDraft): string {
  return draft.triggers
    .filter((t) => t.kind === "keyword" || t.kind === "phrase" || t.kind === "intent")
    .map((t) => t.value)
    .join("\n");
}
