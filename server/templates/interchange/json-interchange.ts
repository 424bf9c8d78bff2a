import type { TemplateDraft } from "../language/template-schema";
import {
  admit,
  emptyReport,
  fileRejected,
  type ImportOptions,
  type ImportReport,
  MAX_IMPORT_TEMPLATES,
  tooLarge,
  tooManyTemplates,
} from "./import-report";

export const JSON_FORMAT = "parley.templates";
export const JSON_VERSION = 1;

export interface TemplatesEnvelope {
  format: typeof JSON_FORMAT;
  version: typeof JSON_VERSION;
  templates: TemplateDraft[];
}

/** Full fidelity: importTemplatesJson(exportTemplatesJson(x)).templates deep-equals x. */
export function exportTemplatesJson(templates: readonly TemplateDraft[]): string {
  const envelope: TemplatesEnvelope = {
    format: JSON_FORMAT,
    version: JSON_VERSION,
    templates: [...templates],
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function importTemplatesJson(text: string, options: ImportOptions = {}): ImportReport {
  const large = tooLarge(text);
  if (large) return large;
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fileRejected(`The file is not valid JSON: ${reason}`);
  }
  if (!isObject(data) || data.format !== JSON_FORMAT) {
    return fileRejected(
      `This is not a Parley templates export: expected "format": "${JSON_FORMAT}" at the top level.`,
    );
  }
  if (data.version !== JSON_VERSION) {
    return fileRejected(
      `Unsupported export version ${JSON.stringify(data.version)}; this Parley reads version ${JSON_VERSION}.`,
    );
  }
  if (!Array.isArray(data.templates)) {
    return fileRejected('The export has no "templates" list.');
  }
  if (data.templates.length > MAX_IMPORT_TEMPLATES) return tooManyTemplates(data.templates.length);

  const report = emptyReport();
  data.templates.forEach((candidate: unknown, index) => {
    const name =
      isObject(candidate) && typeof candidate.name === "string" ? candidate.name : undefined;
    admit(report, candidate, { index, ...(name ? { name } : {}) }, options);
  });
  return report;
}
