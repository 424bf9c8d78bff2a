import { variableNameProblem } from "@/server/templates/language/limits";
import type {
  TemplateDraftInput,
  TemplateStatus,
} from "@/server/templates/language/template-schema";
import type { TemplateTriggerInput, TriggerKind } from "@/server/templates/language/trigger-schema";
import type {
  TemplateVariable,
  TemplateVariableInput,
  VariableType,
} from "@/server/templates/language/variable-schema";

/**
 * The editor's state: the draft as the form holds it, with text where the user types lists
 * (tags, select options) and numbers (weight), and a stable key per row for React.
 */
export type VariableForm = {
  key: string;
  name: string;
  type: VariableType;
  required: boolean;
  fallback: string;
  /** Comma-separated; only select variables have options. */
  options: string;
  pattern: string;
  description: string;
};

export type TriggerForm = {
  key: string;
  kind: TriggerKind;
  value: string;
  weight: string;
  active: boolean;
};

export type EditorForm = {
  name: string;
  category: string;
  content: string;
  status: TemplateStatus;
  /** Comma-separated. */
  tags: string;
  language: string;
  variables: VariableForm[];
  triggers: TriggerForm[];
};

/** What the editor loads: a template from the server, a version, or nothing yet. */
export type DraftLike = {
  name: string;
  category: string | null;
  content: string;
  status: TemplateStatus;
  tags: readonly string[];
  language: string;
  variables: readonly TemplateVariableInput[];
  triggers: readonly TemplateTriggerInput[];
};

let keyCounter = 0;
export const newRowKey = (prefix: string) => `${prefix}-${++keyCounter}`;

export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

export function newVariable(name = "", type: VariableType = "text"): VariableForm {
  return {
    key: newRowKey("variable"),
    name,
    type,
    required: true,
    fallback: "",
    options: "",
    pattern: "",
    description: "",
  };
}

export function newTrigger(): TriggerForm {
  return { key: newRowKey("trigger"), kind: "phrase", value: "", weight: "1", active: true };
}

export const emptyForm = (): EditorForm => ({
  name: "",
  category: "",
  content: "",
  status: "draft",
  tags: "",
  language: "en",
  variables: [],
  triggers: [],
});

export function formFromDraft(draft: DraftLike): EditorForm {
  return {
    name: draft.name,
    category: draft.category ?? "",
    content: draft.content,
    status: draft.status,
    tags: draft.tags.join(", "),
    language: draft.language,
    variables: draft.variables.map((variable) => ({
      key: newRowKey("variable"),
      name: variable.name,
      type: variable.type,
      required: variable.required ?? false,
      fallback: variable.fallback ?? "",
      options: (variable.options ?? []).join(", "),
      pattern: variable.pattern ?? "",
      description: variable.description ?? "",
    })),
    triggers: draft.triggers.map((trigger) => ({
      key: newRowKey("trigger"),
      kind: trigger.kind,
      value: trigger.value,
      weight: String(trigger.weight ?? 1),
      active: trigger.active ?? true,
    })),
  };
}

const optional = (text: string) => (text === "" ? undefined : text);

export function variableFromForm(variable: VariableForm): TemplateVariableInput {
  return {
    name: variable.name.trim(),
    type: variable.type,
    required: variable.required,
    fallback: optional(variable.fallback),
    options: variable.type === "select" ? splitList(variable.options) : undefined,
    pattern: optional(variable.pattern),
    description: optional(variable.description.trim()),
  };
}

export function triggerFromForm(trigger: TriggerForm): TemplateTriggerInput {
  const weight = trigger.weight.trim();
  return {
    kind: trigger.kind,
    value: trigger.value.trim(),
    weight: weight === "" ? 1 : Number(weight),
    active: trigger.active,
  };
}

/** The draft create/update/validate receive. */
export function draftFromForm(form: EditorForm): TemplateDraftInput & { category: string | null } {
  return {
    name: form.name.trim(),
    category: form.category.trim() === "" ? null : form.category.trim(),
    content: form.content,
    status: form.status,
    tags: splitList(form.tags),
    language: form.language.trim(),
    variables: form.variables.map(variableFromForm),
    triggers: form.triggers.map(triggerFromForm),
  };
}

/** Equal signatures mean nothing the server would store differs: the dirty check. */
export function formSignature(form: EditorForm): string {
  return JSON.stringify(draftFromForm(form));
}

/**
 * The declared variables the preview can render with: well-named, first declaration of each
 * name. Options and patterns are passed as typed; the renderer screens patterns itself.
 */
export function previewVariables(form: EditorForm): TemplateVariable[] {
  const seen = new Set<string>();
  const variables: TemplateVariable[] = [];
  for (const row of form.variables) {
    const input = variableFromForm(row);
    if (variableNameProblem(input.name) || seen.has(input.name)) continue;
    seen.add(input.name);
    variables.push({ ...input, required: row.required });
  }
  return variables;
}
