import { z } from "zod";
import type { TemplateDraftInput } from "../language/template-schema";
import { convertForeignContent, mappingLookup, type PlaceholderTarget } from "./foreign-content";
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

/** Chatwoot message variables → Parley variables. */
export const CHATWOOT_PLACEHOLDERS: Readonly<Record<string, PlaceholderTarget>> = {
  "contact.name": { name: "customer.name", type: "text" },
  "contact.first_name": { name: "customer.first_name", type: "text" },
  "contact.last_name": { name: "customer.last_name", type: "text" },
  "contact.email": { name: "customer.email", type: "email" },
  "contact.phone": { name: "customer.phone", type: "text" },
  "contact.id": { name: "customer.id", type: "text" },
  "agent.name": { name: "agent.name", type: "text" },
  "agent.first_name": { name: "agent.first_name", type: "text" },
  "agent.last_name": { name: "agent.last_name", type: "text" },
  "agent.email": { name: "agent.email", type: "email" },
  "conversation.id": { name: "conversation.id", type: "text" },
  "conversation.display_id": { name: "conversation.id", type: "text" },
  "inbox.name": { name: "inbox.name", type: "text" },
  "account.name": { name: "workspace.name", type: "text" },
};
const lookup = mappingLookup(CHATWOOT_PLACEHOLDERS);

const cannedResponseSchema = z.object({
  id: z.union([z.number(), z.string()]).optional(),
  short_code: z.string({ error: "The canned response has no short_code." }),
  content: z.string({ error: "The canned response has no content." }),
});

/**
 * Imports Chatwoot canned responses as `GET /api/v1/accounts/{id}/canned_responses` returns
 * them (a bare array) or wrapped in `{ "payload": [...] }`. The short code becomes the name;
 * Chatwoot has no categories, and canned responses are live, so they arrive active.
 */
export function importChatwootCannedResponses(
  text: string,
  options: ImportOptions = {},
): ImportReport {
  const large = tooLarge(text);
  if (large) return large;
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fileRejected(`The file is not valid JSON: ${reason}`);
  }
  const payload =
    typeof data === "object" && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>).payload
      : data;
  if (!Array.isArray(payload)) {
    return fileRejected(
      'This is not a Chatwoot canned responses export: expected [ ... ] or { "payload": [ ... ] }.',
    );
  }
  if (payload.length > MAX_IMPORT_TEMPLATES) return tooManyTemplates(payload.length);

  const report = emptyReport();
  payload.forEach((item: unknown, index) => {
    const parsed = cannedResponseSchema.safeParse(item);
    if (!parsed.success) {
      report.rejected.push({
        index,
        errors: parsed.error.issues.map((issue) => issue.message),
      });
      return;
    }
    const name = parsed.data.short_code.trim();
    const converted = convertForeignContent(parsed.data.content, lookup);
    const candidate: TemplateDraftInput = {
      name,
      content: converted.content,
      status: "active",
      variables: converted.variables,
    };
    const admitted = admit(report, candidate, { index, ...(name ? { name } : {}) }, options);
    if (admitted && converted.unmapped.length > 0) {
      report.unmapped.push({ template: admitted.name, placeholders: converted.unmapped });
    }
  });
  return report;
}
