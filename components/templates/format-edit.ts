/**
 * What the editor's B / I / link / list buttons do to the content: the Markdown subset that
 * server/templates/language/markdown.ts renders. Pure, so it is tested without a browser; the
 * editor applies the edit with execCommand to keep the browser's undo history.
 */
export type FormatKind = "bold" | "italic" | "link" | "list";

export type FormatEdit = {
  /** Replace value[from, to) with text, then select [selectionStart, selectionEnd). */
  from: number;
  to: number;
  text: string;
  selectionStart: number;
  selectionEnd: number;
};

const PLACEHOLDER_TEXT: Record<"bold" | "italic", string> = {
  bold: "bold text",
  italic: "italic text",
};

function wrap(value: string, start: number, end: number, kind: "bold" | "italic"): FormatEdit {
  const marker = kind === "bold" ? "**" : "*";
  const before = value.slice(start - marker.length, start);
  const after = value.slice(end, end + marker.length);
  // A single star next to a double one is part of bold, not italic.
  const lone =
    kind === "bold" ||
    (value[start - marker.length - 1] !== "*" && value[end + marker.length] !== "*");
  if (start !== end && before === marker && after === marker && lone) {
    const inner = value.slice(start, end);
    const from = start - marker.length;
    return {
      from,
      to: end + marker.length,
      text: inner,
      selectionStart: from,
      selectionEnd: from + inner.length,
    };
  }
  const inner = start === end ? PLACEHOLDER_TEXT[kind] : value.slice(start, end);
  return {
    from: start,
    to: end,
    text: `${marker}${inner}${marker}`,
    selectionStart: start + marker.length,
    selectionEnd: start + marker.length + inner.length,
  };
}

function link(value: string, start: number, end: number): FormatEdit {
  const selected = value.slice(start, end);
  if (/^(https?:\/\/|mailto:)\S+$/i.test(selected)) {
    const label = "link text";
    return {
      from: start,
      to: end,
      text: `[${label}](${selected})`,
      selectionStart: start + 1,
      selectionEnd: start + 1 + label.length,
    };
  }
  const label = selected === "" ? "link text" : selected;
  const url = "https://";
  const urlAt = start + label.length + 3;
  return {
    from: start,
    to: end,
    text: `[${label}](${url})`,
    selectionStart: urlAt,
    selectionEnd: urlAt + url.length,
  };
}

const ITEM = /^\s*[-*+]\s+/;

function list(value: string, start: number, end: number): FormatEdit {
  const from = value.lastIndexOf("\n", start - 1) + 1;
  const lineEnd = value.indexOf("\n", Math.max(end - (end > start ? 1 : 0), start));
  const to = lineEnd === -1 ? value.length : lineEnd;
  const lines = value.slice(from, to).split("\n");
  const allItems = lines.every((line) => line.trim() === "" || ITEM.test(line));
  const text = lines
    .map((line) => {
      if (line.trim() === "") return line;
      return allItems ? line.replace(ITEM, "") : `- ${line}`;
    })
    .join("\n");
  return { from, to, text, selectionStart: from + text.length, selectionEnd: from + text.length };
}

/** The edit one button makes for the current selection. */
export function formatEdit(
  value: string,
  start: number,
  end: number,
  kind: FormatKind,
): FormatEdit {
  if (kind === "link") return link(value, start, end);
  if (kind === "list") return list(value, start, end);
  return wrap(value, start, end, kind);
}

/** Applies an edit to a string (the fallback when execCommand is unavailable, and for tests). */
export function applyEdit(value: string, edit: FormatEdit): string {
  return value.slice(0, edit.from) + edit.text + value.slice(edit.to);
}
