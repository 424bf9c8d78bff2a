import type {
  ContentDiagnostic,
  ParsedTemplate,
  PlaceholderNode,
  SourceSpan,
  TemplateDiagnostic,
  TemplateNode,
} from "./ast";
import { variableNameProblem } from "./limits";
import { STANDARD_PLACEHOLDER_NAMES } from "./standard-placeholders";
import { suggestName } from "./suggest-name";

const OPEN = 123; // {
const CLOSE = 125; // }
const LF = 10;
const CR = 13;

const at = (line: number, column: number) => `line ${line}, column ${column}`;

/**
 * Parses template content in one left-to-right pass (linear time, no backtracking):
 * `{{` and `}}` are literal braces, `{name}` and `{name|fallback}` are placeholders.
 * A placeholder ends at the first `}` and cannot span lines or contain `{`, so an unclosed
 * brace is reported where it opens and parsing resumes right after it. Broken placeholders
 * stay in the tree as literal text, so a preview can still show them.
 *
 * With `declared`, placeholders naming no declared variable (nor a standard placeholder, see
 * standard-placeholders.ts) are errors, and declared variables that no placeholder uses are
 * warnings.
 */
export function parseTemplate(content: string, declared?: readonly string[]): ParsedTemplate {
  const nodes: TemplateNode[] = [];
  const errors: ContentDiagnostic[] = [];
  const declaredSet = declared ? new Set([...STANDARD_PLACEHOLDER_NAMES, ...declared]) : undefined;
  const used = new Set<string>();

  let line = 1;
  let lineStart = 0;
  const spanOf = (offset: number, length: number): SourceSpan => ({
    offset,
    length,
    line,
    column: offset - lineStart + 1,
  });

  // Literal text accumulates until a placeholder (or the end) flushes it into one node.
  let textParts: string[] = [];
  let textStart = 0;
  let textLine = 1;
  let textColumn = 1;
  const flushText = (end: number) => {
    if (textParts.length > 0) {
      nodes.push({
        kind: "text",
        value: textParts.join(""),
        span: { offset: textStart, length: end - textStart, line: textLine, column: textColumn },
      });
    }
    textParts = [];
  };
  const beginTextIfNeeded = (offset: number) => {
    if (textParts.length === 0) {
      textStart = offset;
      textLine = line;
      textColumn = offset - lineStart + 1;
    }
  };

  let i = 0;
  let runStart = 0; // start of plain characters not yet copied into textParts
  const copyRun = (end: number) => {
    if (end > runStart) {
      beginTextIfNeeded(runStart);
      textParts.push(content.slice(runStart, end));
    }
  };

  while (i < content.length) {
    const code = content.charCodeAt(i);
    if (code === LF || code === CR) {
      const next = code === CR && content.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      copyRun(next);
      i = next;
      runStart = i;
      line += 1;
      lineStart = i;
      continue;
    }
    if (code !== OPEN && code !== CLOSE) {
      i += 1;
      continue;
    }
    copyRun(i);
    const doubled = content.charCodeAt(i + 1) === code;
    if (doubled) {
      beginTextIfNeeded(i);
      textParts.push(code === OPEN ? "{" : "}");
      i += 2;
      runStart = i;
      continue;
    }
    if (code === CLOSE) {
      const span = spanOf(i, 1);
      errors.push({
        ...span,
        severity: "error",
        code: "stray-closing-brace",
        message: `Stray closing brace at ${at(span.line, span.column)}: write }} for a literal brace.`,
      });
      beginTextIfNeeded(i);
      textParts.push("}");
      i += 1;
      runStart = i;
      continue;
    }

    // A placeholder: scan to the closing brace on this line.
    let end = i + 1;
    while (end < content.length) {
      const c = content.charCodeAt(end);
      if (c === OPEN || c === CLOSE || c === LF || c === CR) break;
      end += 1;
    }
    if (content.charCodeAt(end) !== CLOSE) {
      const span = spanOf(i, end - i);
      errors.push({
        ...span,
        severity: "error",
        code: "unclosed-placeholder",
        message: `Unclosed placeholder starting at ${at(span.line, span.column)}: close it with } or write {{ for a literal brace.`,
      });
      beginTextIfNeeded(i);
      textParts.push(content.slice(i, end));
      i = end;
      runStart = i;
      continue;
    }

    const inner = content.slice(i + 1, end);
    const pipe = inner.indexOf("|");
    const rawName = pipe === -1 ? inner : inner.slice(0, pipe);
    const name = rawName.trim();
    const nameOffset = i + 1 + (rawName.length - rawName.trimStart().length);
    const span = spanOf(i, end + 1 - i);
    const nameSpan = spanOf(nameOffset, name.length);
    const problem = name === "" ? null : variableNameProblem(name);
    if (name === "" || problem) {
      errors.push(
        name === ""
          ? {
              ...span,
              severity: "error",
              code: "empty-name",
              message: `Empty placeholder at ${at(span.line, span.column)}: put a variable name between the braces, or write {{ and }} for literal braces.`,
            }
          : {
              ...nameSpan,
              severity: "error",
              code: "invalid-name",
              name,
              message: `Invalid variable name at ${at(nameSpan.line, nameSpan.column)}: ${problem}`,
            },
      );
      beginTextIfNeeded(i);
      textParts.push(content.slice(i, end + 1));
    } else {
      flushText(i);
      const node: PlaceholderNode = {
        kind: "placeholder",
        name,
        fallback: pipe === -1 ? undefined : inner.slice(pipe + 1),
        span,
        nameSpan,
      };
      nodes.push(node);
      used.add(name);
      if (declaredSet && !declaredSet.has(name)) {
        const suggestion = suggestName(name, declaredSet);
        errors.push({
          ...nameSpan,
          severity: "error",
          code: "undeclared-variable",
          name,
          message:
            `The placeholder "${name}" at ${at(nameSpan.line, nameSpan.column)} has no declared variable` +
            (suggestion ? `; did you mean "${suggestion}"?` : "; declare it or correct the name."),
        });
      }
    }
    i = end + 1;
    runStart = i;
  }
  copyRun(content.length);
  flushText(content.length);

  const diagnostics: TemplateDiagnostic[] = errors;
  declared?.forEach((name, variableIndex) => {
    if (!used.has(name)) {
      diagnostics.push({
        severity: "warning",
        code: "unused-variable",
        name,
        variableIndex,
        message: `The variable "${name}" is declared but no placeholder uses it.`,
      });
    }
  });
  return { nodes, diagnostics };
}
