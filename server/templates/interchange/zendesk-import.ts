import { z } from "zod";
import type { TemplateDraftInput } from "../language/template-schema";
import { convertForeignContent, mappingLookup, type PlaceholderTarget } from "./foreign-content";
import { htmlToText } from "./html-to-text";
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

/** Zendesk placeholders (support.zendesk.com "placeholders reference") → Parley variables. */
export const ZENDESK_PLACEHOLDERS: Readonly<Record<string, PlaceholderTarget>> = {
  "ticket.requester.name": { name: "customer.name", type: "text" },
  "ticket.requester.first_name": { name: "customer.first_name", type: "text" },
  "ticket.requester.last_name": { name: "customer.last_name", type: "text" },
  "ticket.requester.email": { name: "customer.email", type: "email" },
  "ticket.requester.phone": { name: "customer.phone", type: "text" },
  "ticket.requester.language": { name: "customer.language", type: "text" },
  "ticket.organization.name": { name: "customer.organization", type: "text" },
  "ticket.id": { name: "ticket.id", type: "text" },
  "ticket.title": { name: "ticket.subject", type: "text" },
  "ticket.status": { name: "ticket.status", type: "text" },
  "ticket.priority": { name: "ticket.priority", type: "text" },
  "ticket.url": { name: "ticket.url", type: "url" },
  "ticket.link": { name: "ticket.url", type: "url" },
  "ticket.created_at": { name: "ticket.created_at", type: "date" },
  "ticket.updated_at": { name: "ticket.updated_at", type: "date" },
  "ticket.due_date": { name: "ticket.due_date", type: "date" },
  "ticket.group.name": { name: "team.name", type: "text" },
  "ticket.brand.name": { name: "workspace.name", type: "text" },
  "ticket.account": { name: "workspace.name", type: "text" },
  "ticket.assignee.name": { name: "agent.name", type: "text" },
  "ticket.assignee.first_name": { name: "agent.first_name", type: "text" },
  "ticket.assignee.email": { name: "agent.email", type: "email" },
  "current_user.name": { name: "agent.name", type: "text" },
  "current_user.first_name": { name: "agent.first_name", type: "text" },
  "current_user.last_name": { name: "agent.last_name", type: "text" },
  "current_user.email": { name: "agent.email", type: "email" },
  "current_user.signature": { name: "agent.signature", type: "text" },
};
const lookup = mappingLookup(ZENDESK_PLACEHOLDERS);

const actionSchema = z.object({
  field: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown())]),
});
const macroSchema = z.object({
  id: z.union([z.number(), z.string()]).optional(),
  title: z.string({ error: "The macro has no title." }),
  active: z.boolean().optional(),
  actions: z.array(actionSchema, { error: "The macro has no list of actions." }),
  description: z.string().nullish(),
});
type ZendeskAction = z.infer<typeof actionSchema>;

/**
 * `comment_value` is a string, or `["channel:all", "text"]` when the macro targets a channel;
 * tags are space-separated. Returns the plain text, preferring `comment_value` over HTML.
 */
function commentOf(actions: readonly ZendeskAction[]): string | null {
  const text = (value: ZendeskAction["value"]): string | null => {
    if (typeof value === "string") return value;
    if (!Array.isArray(value)) return null;
    const strings = value.filter((v): v is string => typeof v === "string");
    const body = strings[0]?.startsWith("channel:") ? strings.slice(1) : strings;
    return body.length > 0 ? body.join("\n") : null;
  };
  const plain = actions.find((a) => a.field === "comment_value");
  const plainText = plain ? text(plain.value) : null;
  if (plainText !== null) return plainText;
  const html = actions.find((a) => a.field === "comment_value_html");
  const htmlText = html ? text(html.value) : null;
  return htmlText === null ? null : htmlToText(htmlText);
}

function tagsOf(actions: readonly ZendeskAction[]): string[] {
  const tags = new Set<string>();
  for (const action of actions) {
    if (action.field !== "set_tags" && action.field !== "current_tags") continue;
    const value = Array.isArray(action.value) ? action.value.join(" ") : String(action.value ?? "");
    for (const tag of value.split(/\s+/)) if (tag) tags.add(tag);
  }
  return [...tags];
}

/** "Billing::Refunds::Approved" → category "Billing / Refunds", name "Approved". */
export function splitZendeskTitle(title: string): { name: string; category: string | null } {
  const segments = title
    .split("::")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const name = segments.pop() ?? title.trim();
  return { name, category: segments.length > 0 ? segments.join(" / ") : null };
}

const formatIssues = (error: z.ZodError) =>
  error.issues.map((issue) =>
    issue.path.length > 1 ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
  );

/**
 * Imports Zendesk macros as `GET /api/v2/macros` returns them (`{ "macros": [...] }`; a bare
 * array or a single `{ "macro": {...} }` is accepted too). Inactive macros arrive archived.
 * Actions other than comments and tags (status, assignee, …) have no Parley equivalent.
 */
export function importZendeskMacros(text: string, options: ImportOptions = {}): ImportReport {
  const large = tooLarge(text);
  if (large) return large;
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fileRejected(`The file is not valid JSON: ${reason}`);
  }
  const record = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  const macros: unknown = Array.isArray(data)
    ? data
    : (record.macros ?? (record.macro ? [record.macro] : undefined));
  if (!Array.isArray(macros)) {
    return fileRejected('This is not a Zendesk macros export: expected { "macros": [ ... ] }.');
  }
  if (macros.length > MAX_IMPORT_TEMPLATES) return tooManyTemplates(macros.length);

  const report = emptyReport();
  macros.forEach((item: unknown, index) => {
    const parsed = macroSchema.safeParse(item);
    if (!parsed.success) {
      report.rejected.push({ index, errors: formatIssues(parsed.error) });
      return;
    }
    const macro = parsed.data;
    const { name, category } = splitZendeskTitle(macro.title);
    const comment = commentOf(macro.actions);
    if (comment === null) {
      const fields = macro.actions.map((a) => a.field).join(", ") || "none";
      report.rejected.push({
        index,
        name,
        errors: [
          `The macro adds no comment text, so it is not a reply template (its actions: ${fields}).`,
        ],
      });
      return;
    }
    const converted = convertForeignContent(comment, lookup);
    const candidate: TemplateDraftInput = {
      name,
      category,
      content: converted.content,
      status: macro.active === false ? "archived" : "active",
      tags: tagsOf(macro.actions),
      variables: converted.variables,
    };
    const admitted = admit(report, candidate, { index, name }, options);
    if (admitted && converted.unmapped.length > 0) {
      report.unmapped.push({ template: admitted.name, placeholders: converted.unmapped });
    }
  });
  return report;
}
