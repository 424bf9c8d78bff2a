import type { ParsedTemplate } from "./ast";
import { parseTemplate } from "./parse-template";

export interface PlaceholderOccurrence {
  name: string;
  fallback: string | undefined;
  /** The whole `{…}`: 0-based offset and length, 1-based line and column. */
  offset: number;
  length: number;
  line: number;
  column: number;
  /** Just the name, for highlighting it and replacing it on autocomplete. */
  nameOffset: number;
  nameLength: number;
}

/**
 * Every well-formed placeholder in content order, for the editor's highlighting and
 * autocomplete. Malformed ones are not placeholders; parseTemplate reports them.
 */
export function listPlaceholders(
  content: string,
  /** The server's hot paths pass parseTemplateMemo (the editor parses each keystroke's text once). */
  parse: (content: string) => ParsedTemplate = parseTemplate,
): PlaceholderOccurrence[] {
  const occurrences: PlaceholderOccurrence[] = [];
  for (const node of parse(content).nodes) {
    if (node.kind !== "placeholder") continue;
    occurrences.push({
      name: node.name,
      fallback: node.fallback,
      offset: node.span.offset,
      length: node.span.length,
      line: node.span.line,
      column: node.span.column,
      nameOffset: node.nameSpan.offset,
      nameLength: node.nameSpan.length,
    });
  }
  return occurrences;
}
