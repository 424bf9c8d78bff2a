import type { TemplateDiagnostic } from "./language/ast";
import { parseTemplate } from "./language/parse-template";
import { readableIssue } from "./language/readable-issues";
import { type TemplateDraft, templateDraftSchema } from "./language/template-schema";
import { type TriggerVocabulary, validateTriggers } from "./triggers/validate-triggers";

export interface TemplateIssue {
  /** Dotted path into the draft (`variables.2.name`); "" for the draft as a whole. */
  path: string;
  message: string;
}

export interface TemplateValidation {
  /** False when there is any issue or any error diagnostic; warnings do not block. */
  ok: boolean;
  /** The parsed draft (defaults filled in), or null when its shape is wrong. */
  draft: TemplateDraft | null;
  /** Shape and limits (zod), and trigger values outside the vocabulary. */
  issues: TemplateIssue[];
  /** The content's parser errors and warnings, with positions. */
  diagnostics: TemplateDiagnostic[];
}

/**
 * Everything that decides whether a template may be saved: the one check behind the
 * `validate` procedure, create/update and every importer. Without a vocabulary, intent and
 * sentiment values are not checked (an import file cannot know the target workspace's).
 */
export function validateTemplate(
  input: unknown,
  vocabulary?: TriggerVocabulary,
): TemplateValidation {
  const parsed = templateDraftSchema.safeParse(input, { error: readableIssue });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
    }));
    return { ok: false, draft: null, issues, diagnostics: [] };
  }
  const draft = parsed.data;
  const issues: TemplateIssue[] = vocabulary
    ? validateTriggers(draft.triggers, vocabulary).map((p) => ({
        path: `triggers.${p.index}.value`,
        message: p.message,
      }))
    : [];
  const { diagnostics } = parseTemplate(
    draft.content,
    draft.variables.map((v) => v.name),
  );
  const ok = issues.length === 0 && diagnostics.every((d) => d.severity !== "error");
  return { ok, draft, issues, diagnostics };
}
