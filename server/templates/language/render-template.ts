import type { RegexRunner } from "../regex/regex-runner";
import type { TemplateDiagnostic } from "./ast";
import { escapeHtml } from "./escape-html";
import { type Formatted, formatValue } from "./format-value";
import { parseTemplate } from "./parse-template";
import { formattersFor, type OutputFormat, type RenderSettings } from "./render-options";
import { standardPlaceholder } from "./standard-placeholders";
import { lookupValue, type TemplateValues } from "./template-values";
import type { TemplateVariable } from "./variable-schema";

export interface RenderOptions extends RenderSettings {
  format?: OutputFormat;
  /**
   * Runs variables' validation patterns. User patterns come through withPrecomputedRegex
   * (regex/precomputed-regex.ts), run off the calling thread under a budget; required so no
   * caller runs them unbounded by forgetting it.
   */
  runRegex: RegexRunner;
}

export interface RenderResult {
  output: string;
  /** Required variables with no value and no fallback, in order of first use. */
  missing: string[];
  /** Provided values that failed their type, options or pattern; one entry per variable. */
  invalid: { name: string; message: string }[];
  /** The parser's errors and warnings; broken placeholders render as their literal text. */
  diagnostics: TemplateDiagnostic[];
}

/**
 * Fills a template. For each placeholder: the provided value (validated and formatted by
 * type) → the placeholder's own fallback `{x|…}` → the variable's declared fallback → missing.
 * Fallbacks are author-written text and are used verbatim. A missing required variable
 * renders as its placeholder (`{order_id}`) so the gap is visible; a missing optional one
 * renders as nothing. An invalid value renders as given and is listed in `invalid`.
 * A placeholder with no declared variable is treated as a required text variable: the parser
 * reports it, and a blank in a sent reply is worse than a flagged gap.
 *
 * HTML output escapes everything — literal text, values and fallbacks — so a value like
 * `<script>` is inert; text output is returned as is.
 */
export function renderTemplate(
  content: string,
  variables: readonly TemplateVariable[],
  values: TemplateValues,
  options: RenderOptions,
): RenderResult {
  const formatters = formattersFor(options);
  const { runRegex } = options;
  const encode = options.format === "html" ? escapeHtml : (text: string) => text;
  const declared = new Map(variables.map((v) => [v.name, v]));
  const parsed = parseTemplate(content, [...declared.keys()]);

  const parts: string[] = [];
  const missing = new Set<string>();
  const invalid = new Map<string, string>();
  const formatted = new Map<string, Formatted | null>(); // null: not provided

  const provided = (variable: TemplateVariable): Formatted | null => {
    if (formatted.has(variable.name)) return formatted.get(variable.name) ?? null;
    const found = lookupValue(values, variable.name);
    let result: Formatted | null = null;
    if (found.found && found.value === "object") {
      result = {
        ok: false,
        text: "",
        message: `${variable.name} is a group of values; use one of its parts, such as ${variable.name}.name.`,
      };
    } else if (found.found) {
      result = formatValue(variable, found.value, formatters, runRegex);
    }
    if (result && !result.ok) invalid.set(variable.name, result.message);
    formatted.set(variable.name, result);
    return result;
  };

  for (const node of parsed.nodes) {
    if (node.kind === "text") {
      parts.push(encode(node.value));
      continue;
    }
    const variable = declared.get(node.name) ??
      standardPlaceholder(node.name) ?? { name: node.name, type: "text", required: true };
    const value = provided(variable);
    if (value) {
      parts.push(encode(value.text));
    } else if (node.fallback !== undefined) {
      parts.push(encode(node.fallback));
    } else if (variable.fallback !== undefined) {
      parts.push(encode(variable.fallback));
    } else if (variable.required) {
      missing.add(node.name);
      parts.push(encode(`{${node.name}}`));
    }
  }

  return {
    output: parts.join(""),
    missing: [...missing],
    invalid: [...invalid].map(([name, message]) => ({ name, message })),
    diagnostics: parsed.diagnostics,
  };
}
