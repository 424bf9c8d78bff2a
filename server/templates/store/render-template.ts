import { and, eq, isNull, sql } from "drizzle-orm";
import { templates } from "@/db/schema";
import { badRequest, notFound } from "@/server/errors";
import type { OutputFormat } from "../language/render-options";
import { type RenderResult, renderTemplate } from "../language/render-template";
import { templateDraftSchema } from "../language/template-schema";
import type { TemplateVariable } from "../language/variable-schema";
import { runRegexBounded } from "../regex/bounded-regex-runner";
import { loadTemplate } from "./read-template";
import type { TemplateScope } from "./template-scope";

export type RenderInput = {
  id?: string;
  draft?: unknown;
  values: Record<string, string>;
  format: OutputFormat;
};

/**
 * Fills a saved template (by id) or an unsaved draft (the editor's preview) with the
 * workspace's locale, currency and time zone. Validation patterns run through the
 * time-bounded runner, so a catastrophically backtracking pattern costs at most its timeout.
 */
export async function renderForWorkspace(
  scope: TemplateScope,
  input: RenderInput,
): Promise<RenderResult> {
  let content: string;
  let variables: TemplateVariable[];
  if (input.id !== undefined) {
    ({ content, variables } = await loadTemplate(scope, input.id));
  } else {
    // The preview renders drafts with content errors (they are reported as diagnostics), but
    // needs well-formed variables to know how to format values.
    const parsed = templateDraftSchema.safeParse(input.draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // Keyed by the procedure's input field, as zod's own errors are: draft.variables.0.type.
      const path = ["draft", ...(issue?.path.map(String) ?? [])].join(".");
      throw badRequest(issue?.message ?? "The draft is not valid.", {
        [path]: parsed.error.issues.map((i) => i.message),
      });
    }
    ({ content, variables } = parsed.data);
  }
  return renderTemplate(content, variables, input.values, {
    locale: scope.workspace.locale,
    currency: scope.workspace.currency,
    timeZone: scope.workspace.timezone,
    format: input.format,
    runRegex: runRegexBounded,
  });
}

/** An agent inserted the template into a reply: counts toward usage ranking. */
export async function recordTemplateUse(
  scope: TemplateScope,
  input: { id: string },
): Promise<{ usageCount: number }> {
  const [row] = await scope.tx
    .update(templates)
    .set({ usageCount: sql`${templates.usageCount} + 1`, lastUsedAt: new Date() })
    .where(
      and(
        eq(templates.workspaceId, scope.workspace.id),
        eq(templates.id, input.id),
        isNull(templates.deletedAt),
      ),
    )
    .returning({ usageCount: templates.usageCount });
  if (!row) throw notFound("Template");
  await scope.audit({ action: "template.use", entityType: "template", entityId: input.id });
  return row;
}
