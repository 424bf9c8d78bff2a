import type { TemplateDraft } from "../language/template-schema";
import type { TriggerVocabulary } from "../triggers/validate-triggers";
import { validateTemplate } from "../validate-template";

export interface RejectedTemplate {
  /** 1-based line where the row starts (CSV). */
  line?: number;
  /** 0-based position in the file's list (JSON, Zendesk, Chatwoot). */
  index?: number;
  name?: string;
  errors: string[];
}

export interface UnmappedPlaceholders {
  /** The imported template's name. */
  template: string;
  /** Foreign placeholders and tags kept as literal text, as they appeared. */
  placeholders: string[];
}

/**
 * What every importer returns. Importers never throw on bad input: an unreadable file is one
 * rejection without line or index. The caller commits `templates` only when `rejected` is
 * empty (or shows every rejection), so nothing is ever half-imported.
 */
export interface ImportReport {
  templates: TemplateDraft[];
  rejected: RejectedTemplate[];
  unmapped: UnmappedPlaceholders[];
}

export interface ImportOptions {
  /** The target workspace's intents and sentiments, to check such triggers on import. */
  vocabulary?: TriggerVocabulary;
}

/** More than this in one file is refused whole: imports run in one transaction. */
export const MAX_IMPORT_TEMPLATES = 5_000;

export const emptyReport = (): ImportReport => ({ templates: [], rejected: [], unmapped: [] });

export function fileRejected(message: string): ImportReport {
  return { templates: [], rejected: [{ errors: [message] }], unmapped: [] };
}

export function tooManyTemplates(count: number): ImportReport {
  return fileRejected(
    `The file holds ${count.toLocaleString("en-US")} templates; one import takes at most ${MAX_IMPORT_TEMPLATES.toLocaleString("en-US")}.`,
  );
}

/**
 * Validates one candidate exactly as saving would and files it as accepted or rejected.
 * Content positions in messages are within the template's content, hence the prefix.
 */
export function admit(
  report: ImportReport,
  candidate: unknown,
  where: Omit<RejectedTemplate, "errors">,
  options: ImportOptions,
): TemplateDraft | null {
  const result = validateTemplate(candidate, options.vocabulary);
  if (result.ok && result.draft) {
    report.templates.push(result.draft);
    return result.draft;
  }
  const errors = [
    ...result.issues.map((issue) =>
      issue.path ? `${issue.path}: ${issue.message}` : issue.message,
    ),
    ...result.diagnostics.filter((d) => d.severity === "error").map((d) => `content: ${d.message}`),
  ];
  report.rejected.push({ ...where, errors });
  return null;
}

/** Larger files are refused before parsing; 5,000 templates of typical size fit easily. */
export const MAX_IMPORT_CHARS = 20_000_000;

export function tooLarge(text: string): ImportReport | null {
  return text.length > MAX_IMPORT_CHARS
    ? fileRejected(
        `The file is ${text.length.toLocaleString("en-US")} characters long; one import takes at most ${MAX_IMPORT_CHARS.toLocaleString("en-US")}.`,
      )
    : null;
}
