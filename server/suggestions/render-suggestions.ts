import { parseTemplateMemo } from "@/server/templates/language/parse-template-memo";
import { renderTemplate } from "@/server/templates/language/render-template";
import { withPrecomputedRegex } from "@/server/templates/regex/precomputed-regex";
import type { RegexBudget } from "@/server/templates/regex/regex-budget";
import { regexExecutor } from "@/server/templates/regex/regex-worker-pool";
import type { CatalogTemplate } from "./catalog";
import type { ExtractedValues } from "./extract-values";
import { prefillValues, type SuggestionContext } from "./prefill";

export interface RenderedSuggestion {
  /** The reply as text, pre-filled; unfilled required placeholders stay visible as `{name}`. */
  preview: string;
  values: Record<string, string>;
  valueSources: Record<string, "context" | "conversation">;
  /** Required variables still without a value: what the agent must fill in. */
  missing: string[];
  /** Pre-filled values that failed their variable's type or pattern. */
  invalid: { name: string; message: string }[];
}

/**
 * Renders the suggested templates with the existing renderer and the workspace's formats. All
 * variables' patterns of all suggestions go to the worker pool as one batch under the request's
 * budget; if it runs out the previews still come back, with the unchecked values listed.
 */
export async function renderSuggestions(
  list: readonly CatalogTemplate[],
  input: {
    context: SuggestionContext;
    extracted: ExtractedValues;
    workspace: { locale: string; currency: string; timezone: string };
  },
  budget: RegexBudget,
): Promise<{ byId: Map<string, RenderedSuggestion>; warnings: string[] }> {
  const prefilled = list.map((t) =>
    prefillValues(t.content, t.variables, input.context, input.extracted),
  );
  const { result, stopped } = await withPrecomputedRegex(
    (runRegex) =>
      list.map((t, i) =>
        renderTemplate(t.content, t.variables, prefilled[i]?.values ?? {}, {
          locale: input.workspace.locale,
          currency: input.workspace.currency,
          timeZone: input.workspace.timezone,
          format: "text",
          runRegex,
          parse: parseTemplateMemo,
        }),
      ),
    regexExecutor(budget),
  );
  const byId = new Map<string, RenderedSuggestion>();
  list.forEach((t, i) => {
    const r = result[i];
    const p = prefilled[i];
    if (!r || !p) return;
    byId.set(t.id, {
      preview: r.output,
      values: p.values,
      valueSources: p.sources,
      missing: r.missing,
      invalid: r.invalid,
    });
  });
  const warnings =
    stopped.length > 0
      ? ["Some pre-filled values were not checked against their patterns: time ran out."]
      : [];
  return { byId, warnings };
}
