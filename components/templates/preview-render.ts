import { type RenderResult, renderTemplate } from "@/server/templates/language/render-template";
import type { TemplateVariable } from "@/server/templates/language/variable-schema";
import {
  type RegexExecutor,
  withPrecomputedRegex,
} from "@/server/templates/regex/precomputed-regex";
import type { RegexRunner } from "@/server/templates/regex/regex-runner";
import type { RenderSettings } from "./template-types";

export type Rendered = { ok: true; result: RenderResult } | { ok: false; message: string };

type PreviewInput = {
  content: string;
  variables: readonly TemplateVariable[];
  values: Record<string, string>;
  settings: RenderSettings;
};

function attempt(render: () => RenderResult): Rendered {
  try {
    return { ok: true, result: render() };
  } catch (error) {
    // Only unusable workspace settings (locale, currency, time zone) throw.
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

const renderWith = (input: PreviewInput, runRegex: RegexRunner) =>
  renderTemplate(input.content, input.variables, input.values, {
    ...input.settings,
    runRegex,
    format: "html",
    markMissing: true,
  });

/**
 * The preview without running any pattern: final when no variable with a pattern has a
 * value (the common case while writing, so the preview follows keystrokes synchronously),
 * otherwise null and the caller uses renderPreviewWithPatterns.
 */
export function renderPreviewWithoutPatterns(input: PreviewInput): Rendered | null {
  let asked = false;
  const rendered = attempt(() =>
    renderWith(input, () => {
      asked = true;
      return { ok: true, matched: true };
    }),
  );
  return asked ? null : rendered;
}

/** The preview with the patterns run by `execute` (the preview's Web Worker), off the page. */
export async function renderPreviewWithPatterns(
  input: PreviewInput,
  execute: RegexExecutor,
): Promise<Rendered> {
  try {
    const { result } = await withPrecomputedRegex(
      (runRegex) => renderWith(input, runRegex),
      execute,
    );
    return { ok: true, result };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
