import { normalizeWord, wordSpans } from "./search-words";

/** A run of text, marked when it is (part of) a matched word. Plain text, never HTML. */
export type Segment = { text: string; match: boolean };

/** What counts as a hit: words starting with a typed term, or equal to a correction. */
export type Matchers = { prefixes: readonly string[]; exact: readonly string[] };

function isMatch(word: string, matchers: Matchers): boolean {
  return matchers.exact.includes(word) || matchers.prefixes.some((p) => word.startsWith(p));
}

function pushSegment(segments: Segment[], text: string, match: boolean): void {
  if (text === "") return;
  const last = segments.at(-1);
  if (last && last.match === match) last.text += text;
  else segments.push({ text, match });
}

/** Splits `text` into matched and unmatched runs; the segments join back to `text`. */
export function highlightText(text: string, matchers: Matchers): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const span of wordSpans(text)) {
    if (!isMatch(span.word, matchers)) continue;
    pushSegment(segments, text.slice(at, span.start), false);
    pushSegment(segments, text.slice(span.start, span.end), true);
    at = span.end;
  }
  pushSegment(segments, text.slice(at), false);
  return segments;
}

export const SNIPPET_LENGTH = 160;
const LEAD = 50;

/**
 * About SNIPPET_LENGTH characters of the content around its first match (or its beginning),
 * whitespace collapsed, cut at word boundaries, with "…" where text was left out.
 */
export function snippet(content: string, matchers: Matchers): Segment[] {
  const text = content.replace(/\s+/g, " ").trim();
  const spans = wordSpans(text);
  const first = spans.find((s) => isMatch(s.word, matchers));
  let start = first ? Math.max(0, first.start - LEAD) : 0;
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end === text.length) start = Math.max(0, end - SNIPPET_LENGTH);
  // Never cut a word in two: widen to the words the window starts and ends inside.
  for (const s of spans) {
    if (s.start < start && s.end > start) start = s.start;
    if (s.start < end && s.end > end) end = s.end;
  }
  const window = text.slice(start, end).trim();
  const segments = highlightText(window, matchers);
  if (start > 0) segments.unshift({ text: "… ", match: false });
  if (end < text.length) segments.push({ text: " …", match: false });
  return mergeSegments(segments);
}

function mergeSegments(segments: Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const s of segments) pushSegment(merged, s.text, s.match);
  return merged;
}

export function matchersFor(words: readonly string[], corrections: Iterable<string>): Matchers {
  return { prefixes: words.map(normalizeWord), exact: [...corrections].map(normalizeWord) };
}
