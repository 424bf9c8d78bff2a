import type { RegexRunner } from "../regex/regex-runner";
import type { ParsedTemplate, TemplateDiagnostic } from "./ast";
import { escapeHtml } from "./escape-html";
import { type Formatted, formatValue } from "./format-value";
import {
  markdownToHtml,
  markdownToText,
  SLOT_CLOSE,
  SLOT_OPEN,
  type SlotContext,
} from "./markdown";
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
  /** HTML only: wrap each unfilled required placeholder in <mark> (the editor's preview). */
  markMissing?: boolean;
  /**
   * How the content is parsed (default parseTemplate). Suggestions pass parseTemplateMemo:
   * the same templates all day. The editor's preview parses each keystroke's text once.
   */
  parse?: (content: string, declared: readonly string[]) => ParsedTemplate;
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
 * The content is Markdown (markdown.ts): HTML output is formatted, text output drops the
 * markers. Placeholders are resolved after the Markdown is parsed, so values and fallbacks are
 * never read as Markdown; HTML output escapes everything — literal text, values and fallbacks —
 * so a value like `<script>` or `**` is inert.
 */
export function renderTemplate(
  content: string,
  variables: readonly TemplateVariable[],
  values: TemplateValues,
  options: RenderOptions,
): RenderResult {
  const formatters = formattersFor(options);
  const { runRegex } = options;
  const declared = new Map(variables.map((v) => [v.name, v]));
  const parsed = (options.parse ?? parseTemplate)(content, [...declared.keys()]);

  // The content with each placeholder replaced by a slot; slots[i] is what fills slot i.
  let source = "";
  const slots: { text: string; missing: boolean }[] = [];
  const fill = (text: string, isMissing = false) => {
    source += `${SLOT_OPEN}${slots.length}${SLOT_CLOSE}`;
    slots.push({ text, missing: isMissing });
  };
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
      // Private-use slot characters in the author's text would forge slots: dropped.
      source += node.value.replace(/[\uE000\uE001]/g, "");
      continue;
    }
    const variable = declared.get(node.name) ??
      standardPlaceholder(node.name) ?? { name: node.name, type: "text", required: true };
    const value = provided(variable);
    if (value) {
      fill(value.text);
    } else if (node.fallback !== undefined) {
      fill(node.fallback);
    } else if (variable.fallback !== undefined) {
      fill(variable.fallback);
    } else if (variable.required) {
      missing.add(node.name);
      fill(`{${node.name}}`, true);
    }
  }

  const resolve = (index: number, context: SlotContext): string => {
    const slot = slots[index];
    if (!slot) return "";
    if (options.format !== "html") return slot.text;
    // In a link target a value is one part of a URL: percent-encoded, then escaped.
    const escaped = escapeHtml(context === "href" ? encodeURI(slot.text) : slot.text);
    return slot.missing && options.markMissing && context === "text"
      ? `<mark>${escaped}</mark>`
      : escaped;
  };
  const output =
    options.format === "html" ? markdownToHtml(source, resolve) : markdownToText(source, resolve);

  return {
    output,
    missing: [...missing],
    invalid: [...invalid].map(([name, message]) => ({ name, message })),
    diagnostics: parsed.diagnostics,
  };
}
