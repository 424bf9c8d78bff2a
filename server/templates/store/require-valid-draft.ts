import { badRequest } from "@/server/errors";
import type { TemplateDraft } from "../language/template-schema";
import { type TemplateValidation, validateTemplate } from "../validate-template";
import { storedDraft } from "./rows";

/** validateTemplate's verdict without the parsed draft: what the `validate` procedure returns. */
export function validationReport(input: unknown): Omit<TemplateValidation, "draft"> {
  const { draft: _, ...report } = validateTemplate(input);
  return report;
}

/**
 * The one gate before anything is written (create, update, restore, import): the draft as
 * validateTemplate parses it, in stored form, or BAD_REQUEST with every problem by field path
 * (`variables.2.name`; content errors under `content`, with line and column).
 */
export function requireValidDraft(input: unknown): TemplateDraft {
  const result = validateTemplate(input);
  if (result.ok && result.draft) return storedDraft(result.draft);
  const fieldErrors: Record<string, string[]> = {};
  const add = (path: string, message: string) => {
    fieldErrors[path] = [...(fieldErrors[path] ?? []), message];
  };
  for (const issue of result.issues) add(issue.path || "draft", issue.message);
  for (const d of result.diagnostics) {
    if (d.severity === "error") add("content", `Line ${d.line}, column ${d.column}: ${d.message}`);
  }
  const messages = Object.values(fieldErrors).flat();
  const more = messages.length > 1 ? ` (and ${messages.length - 1} more)` : "";
  throw badRequest(`${messages[0] ?? "The template is not valid."}${more}`, fieldErrors);
}
