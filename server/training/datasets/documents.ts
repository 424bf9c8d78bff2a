/**
 * Line-based documents → rows, streaming.
 * - FAQ Markdown: a heading is a question and the text under it its answer; or "**Q:** …" /
 *   "**A:** …" pairs (also "Q:" / "A:", "Question:" / "Answer:").
 * - Knowledge Markdown: an article per heading (levels 1–3), titled by it; text before the
 *   first heading is titled by the file name.
 * - Knowledge text: sections separated by two or more blank lines, titled by their first line.
 * - Knowledge HTML: buffered (bounded by the file size limit), split at <h1>–<h3>, as text.
 * An article longer than the cell limit is split at paragraph breaks, not refused: a long
 * manual page is normal knowledge, unlike a 100,000-character chat message.
 */
import { htmlToText } from "./html";
import { textLines } from "./lines";
import type { RawItem } from "./types";

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const QUESTION = /^\s*(?:\*\*|__)?\s*(?:Q|Question)\s*[:.]\s*(?:\*\*|__)?\s*(?::\s*)?(.*)$/i;
const ANSWER = /^\s*(?:\*\*|__)?\s*(?:A|Answer)\s*[:.]\s*(?:\*\*|__)?\s*(?::\s*)?(.*)$/i;

export async function* faqMarkdownItems(chunks: AsyncIterable<string>): AsyncGenerator<RawItem> {
  let question: { line: number; text: string; asked: boolean } | null = null;
  let answer: string[] = [];
  let mode: "heading" | "qa" = "heading";
  function* flush(): Generator<RawItem> {
    if (!question) return;
    const text = answer.join("\n").trim();
    if (text)
      yield { line: question.line, row: { kind: "faq", question: question.text, answer: text } };
    // An empty heading titles the section below it; an empty "Q:" is a question left unanswered.
    else if (question.asked) {
      yield { line: question.line, error: "The question has no answer under it." };
    }
    question = null;
    answer = [];
  }
  for await (const { line, text } of textLines(chunks)) {
    const heading = HEADING.exec(text);
    const q = QUESTION.exec(text);
    const a = ANSWER.exec(text);
    if (q) {
      yield* flush();
      mode = "qa";
      question = { line, text: (q[1] ?? "").trim(), asked: true };
    } else if (a && mode === "qa" && question) {
      answer.push(a[1] ?? "");
    } else if (heading) {
      yield* flush();
      // In Q/A files headings are sections ("## Billing"), not questions.
      if (mode === "heading") question = { line, text: (heading[2] ?? "").trim(), asked: false };
    } else if (question) {
      answer.push(text);
    }
  }
  yield* flush();
}

/** Splits a long body at blank lines into parts of at most `max` characters. */
function* parts(title: string, body: string, line: number, max: number): Generator<RawItem> {
  if (body.length <= max) {
    yield { line, row: { kind: "article", title, body } };
    return;
  }
  let current = "";
  let n = 1;
  for (const paragraph of body.split(/\n{2,}/)) {
    if (paragraph.length > max) {
      yield {
        line,
        error: `A paragraph of "${title.slice(0, 60)}" is longer than ${max.toLocaleString("en-US")} characters.`,
      };
      continue;
    }
    if (current && current.length + paragraph.length + 2 > max) {
      yield { line, row: { kind: "article", title: `${title} (${n++})`, body: current } };
      current = "";
    }
    current = current ? `${current}\n\n${paragraph}` : paragraph;
  }
  if (current)
    yield {
      line,
      row: { kind: "article", title: n > 1 ? `${title} (${n})` : title, body: current },
    };
}

export async function* markdownArticles(
  chunks: AsyncIterable<string>,
  fallbackTitle: string,
  max: number,
): AsyncGenerator<RawItem> {
  let title = fallbackTitle;
  let start = 1;
  let body: string[] = [];
  let fence = false;
  for await (const { line, text } of textLines(chunks)) {
    if (/^\s*(```|~~~)/.test(text)) fence = !fence;
    const heading = fence ? null : HEADING.exec(text);
    if (heading && (heading[1] ?? "").length <= 3) {
      const content = body.join("\n").trim();
      if (content) yield* parts(title, content, start, max);
      title = (heading[2] ?? "").trim();
      start = line;
      body = [];
    } else body.push(text);
  }
  const content = body.join("\n").trim();
  if (content) yield* parts(title, content, start, max);
}

export async function* textArticles(
  chunks: AsyncIterable<string>,
  max: number,
): AsyncGenerator<RawItem> {
  let lines: string[] = [];
  let start = 0;
  let blanks = 0;
  function* flush(): Generator<RawItem> {
    const [first, ...rest] = lines;
    lines = [];
    if (!first) return;
    const body = rest.join("\n").trim();
    yield* parts(first.trim(), body || first.trim(), start, max);
  }
  for await (const { line, text } of textLines(chunks)) {
    if (text.trim() === "") {
      blanks += 1;
      if (lines.length > 0) lines.push("");
      continue;
    }
    if (blanks >= 2 && lines.length > 0) yield* flush();
    blanks = 0;
    if (lines.length === 0) start = line;
    lines.push(text);
  }
  yield* flush();
}

export async function* htmlArticles(
  chunks: AsyncIterable<string>,
  fallbackTitle: string,
  max: number,
): AsyncGenerator<RawItem> {
  let html = "";
  for await (const chunk of chunks) html += chunk;
  const titleMatch = /<title[^<>]*>([^<]*)<\/title>/i.exec(html);
  let title = titleMatch?.[1] ? htmlToText(titleMatch[1]) : fallbackTitle;
  const body = /<body[^<>]*>/i.exec(html);
  const content = body ? html.slice(body.index + body[0].length) : html;
  const pieces = content.split(/(<h[1-3][^<>]*>[\s\S]*?<\/h[1-3]\s*>)/i);
  let section = 1;
  for (const piece of pieces) {
    const heading = /^<h[1-3]/i.test(piece);
    if (heading) {
      title = htmlToText(piece) || title;
      continue;
    }
    const text = htmlToText(piece);
    if (text) yield* parts(title, text, section, max);
    section += 1;
  }
}
