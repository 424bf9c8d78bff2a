import type { TemplateVariableInput, VariableType } from "../language/variable-schema";

/** A foreign placeholder's Parley equivalent. */
export interface PlaceholderTarget {
  name: string;
  type: VariableType;
}

export interface ConvertedContent {
  /** Parley content: mapped placeholders as `{name}`, everything else literal (braces doubled). */
  content: string;
  /** One declared variable per mapped placeholder, in order of first use. */
  variables: TemplateVariableInput[];
  /** Foreign placeholders and Liquid tags kept as literal text, unique, as written. */
  unmapped: string[];
}

const escapeBraces = (text: string) => text.replace(/[{}]/g, (brace) => brace + brace);

/**
 * Converts Liquid-style content (Zendesk, Chatwoot) to Parley's language. `{{ path }}` with a
 * known path becomes a Parley placeholder; an unknown path, a filtered output
 * (`{{ x | capitalize }}`) or a tag (`{% if %}`) stays as literal text and is reported, so
 * nothing is silently dropped or reinterpreted. Linear in the content length.
 */
export function convertForeignContent(
  source: string,
  lookup: (path: string) => PlaceholderTarget | undefined,
): ConvertedContent {
  const parts: string[] = [];
  const variables = new Map<string, TemplateVariableInput>();
  const unmapped = new Set<string>();
  // Once a closer is known to be absent from some point on, it is absent from every later
  // point too: remembering that keeps `{{{{…` without a `}}` linear instead of quadratic.
  const missingFrom = { "}}": Number.POSITIVE_INFINITY, "%}": Number.POSITIVE_INFINITY };
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf("{", i);
    if (open === -1) break;
    const kind = source[open + 1];
    const closer = kind === "{" ? "}}" : kind === "%" ? "%}" : null;
    let close = -1;
    if (closer && open + 2 < missingFrom[closer]) {
      close = source.indexOf(closer, open + 2);
      if (close === -1) missingFrom[closer] = open + 2;
    }
    if (!closer || close === -1) {
      parts.push(escapeBraces(source.slice(i, open + 1)));
      i = open + 1;
      continue;
    }
    parts.push(escapeBraces(source.slice(i, open)));
    const raw = source.slice(open, close + 2);
    const path = kind === "{" ? source.slice(open + 2, close).trim() : "";
    const target = path ? lookup(path) : undefined;
    if (target) {
      parts.push(`{${target.name}}`);
      if (!variables.has(target.name)) {
        variables.set(target.name, { name: target.name, type: target.type, required: true });
      }
    } else {
      parts.push(escapeBraces(raw));
      unmapped.add(raw);
    }
    i = close + 2;
  }
  parts.push(escapeBraces(source.slice(i)));
  return { content: parts.join(""), variables: [...variables.values()], unmapped: [...unmapped] };
}

/** Builds a case-insensitive lookup from a mapping table. */
export function mappingLookup(
  table: Readonly<Record<string, PlaceholderTarget>>,
): (path: string) => PlaceholderTarget | undefined {
  const map = new Map(Object.entries(table).map(([key, target]) => [key.toLowerCase(), target]));
  return (path) => map.get(path.toLowerCase());
}
