/** Where something sits in the content. Offsets and columns count UTF-16 code units, as editors do. */
export interface SourceSpan {
  /** 0-based offset into the content. */
  offset: number;
  length: number;
  /** 1-based line; `\r\n`, `\n` and a lone `\r` each end a line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** Literal text, with `{{` / `}}` already turned into `{` / `}`. */
export interface TextNode {
  kind: "text";
  value: string;
  span: SourceSpan;
}

/** `{name}` or `{name|fallback}`. */
export interface PlaceholderNode {
  kind: "placeholder";
  name: string;
  /** Undefined for `{name}`; the verbatim text after the first `|` otherwise (may be ""). */
  fallback: string | undefined;
  /** The whole placeholder, braces included. */
  span: SourceSpan;
  /** Just the name, without surrounding spaces. */
  nameSpan: SourceSpan;
}

export type TemplateNode = TextNode | PlaceholderNode;

export type DiagnosticCode =
  | "unclosed-placeholder"
  | "stray-closing-brace"
  | "empty-name"
  | "invalid-name"
  | "undeclared-variable"
  | "unused-variable";

/** A problem at a place in the content. */
export interface ContentDiagnostic extends SourceSpan {
  severity: "error";
  code: Exclude<DiagnosticCode, "unused-variable">;
  message: string;
  /** The placeholder's name, for undeclared-variable and invalid-name. */
  name?: string;
}

/** A problem with a declared variable rather than a place in the content. */
export interface VariableDiagnostic {
  severity: "warning";
  code: "unused-variable";
  message: string;
  name: string;
  /** Index in the declared variables list, so the variables panel can point at it. */
  variableIndex: number;
}

export type TemplateDiagnostic = ContentDiagnostic | VariableDiagnostic;

export interface ParsedTemplate {
  nodes: TemplateNode[];
  /** Errors in content order, then warnings in declaration order. */
  diagnostics: TemplateDiagnostic[];
}
