import { and, eq, isNull } from "drizzle-orm";
import { templates } from "@/db/schema";
import { assignedVariants, runningVariants } from "@/server/abtests/exposure";
import { badRequest, notFound } from "@/server/errors";
import { appendUsageEvents } from "@/server/inbox/usage-events";
import type { OutputFormat } from "../language/render-options";
import { type RenderResult, renderTemplate } from "../language/render-template";
import { templateDraftSchema } from "../language/template-schema";
import type { TemplateVariable } from "../language/variable-schema";
import { withPrecomputedRegex } from "../regex/precomputed-regex";
import type { RegexBudget } from "../regex/regex-budget";
import { regexExecutor } from "../regex/regex-worker-pool";
import { patternsStoppedError } from "./patterns-stopped-error";
import { loadTemplate } from "./read-template";
import { actingUserId, type TemplateScope } from "./template-scope";
import { pickTemplateVariant } from "./translations";
import { templateVisibleTo } from "./visibility";

export type RenderInput = {
  id?: string;
  draft?: unknown;
  values: Record<string, string>;
  format: OutputFormat;
  /** The conversation's language: `id`'s translation in it is rendered (pickTemplateVariant). */
  language?: string;
  /**
   * The conversation the text is for: when `id` is under a running A/B test, the variant this
   * conversation is assigned to is rendered (what sending it records as the exposure).
   */
  conversationId?: string;
};

/** The saved template that was rendered: `id` itself or its translation for `language`. */
export type RenderedVariant = { id: string; name: string; language: string };

export type RenderScope = {
  workspace: TemplateScope["workspace"];
  /** Opens the tenant transaction for the reads; the patterns run after it has closed. */
  inTenant: <T>(fn: (scope: TemplateScope) => Promise<T>) => Promise<T>;
};

/**
 * Fills a saved template (by id) or an unsaved draft (the editor's preview) with the
 * workspace's locale, currency and time zone. Variables' patterns run in the regex worker
 * pool under the request's budget, outside any transaction; when the budget runs out the
 * answer is BAD_REQUEST naming the variables whose patterns were stopped or not checked,
 * never a partial render.
 */
export async function renderForWorkspace(
  scope: RenderScope,
  input: RenderInput,
  budget: RegexBudget,
): Promise<RenderResult & { variant?: RenderedVariant }> {
  let content: string;
  let variables: TemplateVariable[];
  let variant: RenderedVariant | undefined;
  const { id } = input;
  if (id !== undefined) {
    const { conversationId } = input;
    const [loaded, abContent] = await scope.inTenant(async (tenant) => {
      const picked = await pickTemplateVariant(tenant, { id, language: input.language });
      const template = await loadTemplate(tenant, picked.id);
      if (!conversationId) return [template, null] as const;
      // The test is on the template the agent chose (the one a send is recorded against).
      const running = await runningVariants(tenant.tx, [id]);
      return [template, assignedVariants(running, conversationId, [id]).get(id)?.content] as const;
    });
    ({ content, variables } = loaded);
    if (abContent) content = abContent;
    variant = { id: loaded.id, name: loaded.name, language: loaded.language };
  } else {
    // The preview renders drafts with content errors (they are reported as diagnostics), but
    // needs well-formed variables to know how to format values.
    const parsed = templateDraftSchema.safeParse(input.draft);
    if (!parsed.success) {
      // Keyed by the procedure's input field, as zod's own errors are: draft.variables.0.type.
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const path = ["draft", ...issue.path.map(String)].join(".");
        fieldErrors[path] = [...(fieldErrors[path] ?? []), issue.message];
      }
      const first = parsed.error.issues[0]?.message ?? "The draft is not valid.";
      const more =
        parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : "";
      throw badRequest(`${first}${more}`, fieldErrors);
    }
    ({ content, variables } = parsed.data);
  }
  const { result, stopped } = await withPrecomputedRegex(
    (runRegex) =>
      renderTemplate(content, variables, input.values, {
        locale: scope.workspace.locale,
        currency: scope.workspace.currency,
        timeZone: scope.workspace.timezone,
        format: input.format,
        runRegex,
      }),
    regexExecutor(budget),
  );
  if (stopped.length > 0)
    throw patternsStoppedError(variables, result.invalid, stopped, budget, {
      // Keyed by the input field at fault: the draft's pattern, or the value of a saved template.
      fieldOf: (index, name) =>
        input.id === undefined ? `draft.variables.${index}.pattern` : `values.${name}`,
    });
  return variant ? { ...result, variant } : result;
}

/**
 * An agent copied the template's reply out of the library (copy-reply): a `copied` usage event,
 * appended like the inbox's sends. The template row is not touched (no hot-row counter): its
 * usage count comes from the daily roll-ups (refreshTemplateUsage, analytics/rollup.ts).
 */
export async function recordTemplateUse(
  scope: TemplateScope,
  input: { id: string },
): Promise<{ recorded: true }> {
  const [row] = await scope.tx
    .select({ categoryId: templates.categoryId, version: templates.currentVersion })
    .from(templates)
    .where(
      and(
        eq(templates.workspaceId, scope.workspace.id),
        eq(templates.id, input.id),
        isNull(templates.deletedAt),
        templateVisibleTo(scope, templates),
      ),
    );
  if (!row) throw notFound("Template");
  await appendUsageEvents(scope.tx, scope.workspace.id, [
    {
      kind: "copied",
      conversationId: null,
      templateId: input.id,
      actorId: actingUserId(scope),
      categoryId: row.categoryId,
      templateVersion: row.version,
    },
  ]);
  await scope.audit({ action: "template.use", entityType: "template", entityId: input.id });
  return { recorded: true };
}
