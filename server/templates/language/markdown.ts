import { escapeHtml } from "./escape-html";

/**
 * A small Markdown subset for replies: **bold** / __bold__, *italic* / _italic_, [links](url)
 * with http(s) or mailto targets only, "- " / "* " / "1. " lists, paragraphs (blank lines) and
 * line breaks (single newlines). Raw HTML is never passed through: every character of literal
 * text is escaped. Inline spans do not cross lines and lists do not nest.
 *
 * Why not marked or markdown-it: both pass raw HTML unless configured, accept more link schemes
 * than replies need, and would parse placeholder values as Markdown unless substituted after
 * parsing anyway; this subset is what the editor's buttons write, in ~150 lines that run the
 * same in the server renderer and the browser preview.
 *
 * Placeholders arrive as slots: SLOT_OPEN index SLOT_CLOSE (private-use characters, stripped
 * from literal text by the caller). A slot is resolved after parsing, so a value containing
 * `**` or `<script>` is never read as Markdown or HTML.
 */
export const SLOT_OPEN = "\uE000";
export const SLOT_CLOSE = "\uE001";
const SLOT_PATTERN = /\uE000(\d+)\uE001/g;

export type SlotContext = "text" | "href";
export type ResolveSlot = (index: number, context: SlotContext) => string;
type Mode = "html" | "text";

const UNORDERED = /^\s*[-*+]\s+(.*)$/;
const ORDERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;
const SAFE_URL = /^(https?:\/\/|mailto:)[^\s<>"]+$/i;
const ESCAPABLE = new Set([..."\\*_[]()`#-+.!"]);

/** Literal text with slots: escaped (html) or as is (text), slots resolved. */
function emit(text: string, mode: Mode, resolve: ResolveSlot, context: SlotContext): string {
  let out = "";
  let at = 0;
  for (const match of text.matchAll(SLOT_PATTERN)) {
    const literal = text.slice(at, match.index);
    out += mode === "html" ? escapeHtml(literal) : literal;
    out += resolve(Number(match[1]), context);
    at = match.index + match[0].length;
  }
  const rest = text.slice(at);
  return out + (mode === "html" ? escapeHtml(rest) : rest);
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Where the emphasis opened at `start` with `marker` closes on this line, or -1. */
function findClose(line: string, start: number, marker: string): number {
  const inner = start + marker.length;
  if (line[inner] === undefined || /\s/.test(line[inner] ?? "")) return -1;
  for (let i = inner + 1; i <= line.length - marker.length; i++) {
    if (line[i] === "\\") {
      i++;
      continue;
    }
    if (!line.startsWith(marker, i) || /\s/.test(line[i - 1] ?? "")) continue;
    // A single marker must not be half of a double one (`*a **b** c*` keeps its pairs).
    if (marker.length === 1 && line[i + 1] === marker) {
      i++;
      continue;
    }
    // Underscores inside words (order_id, snake_case) are not emphasis.
    if (marker[0] === "_" && isWordChar(line[i + marker.length])) continue;
    // `***both***`: the double marker closes on the last two of the three.
    if (marker.length === 2 && line[i + 2] === marker[0]) return i + 1;
    return i;
  }
  return -1;
}

/** A character that can start an escape, emphasis or a link: without one a line is all literal. */
const INLINE_MARKUP = /[\\*_[]/;

function inline(line: string, mode: Mode, resolve: ResolveSlot, inLink = false): string {
  // Most lines of a reply have no markup: the same text the loop below would collect, at once.
  if (!INLINE_MARKUP.test(line)) return emit(line, mode, resolve, "text");
  let out = "";
  let literal = "";
  const flush = () => {
    out += emit(literal, mode, resolve, "text");
    literal = "";
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i] ?? "";
    if (c === "\\" && ESCAPABLE.has(line[i + 1] ?? "")) {
      literal += line[i + 1];
      i += 2;
      continue;
    }
    if (c === "*" || c === "_") {
      const double = line[i + 1] === c;
      const marker = double ? c + c : c;
      const opensInWord = c === "_" && isWordChar(line[i - 1]);
      const close = opensInWord ? -1 : findClose(line, i, marker);
      if (close !== -1) {
        flush();
        const inner = inline(line.slice(i + marker.length, close), mode, resolve, inLink);
        const tag = double ? "strong" : "em";
        out += mode === "html" ? `<${tag}>${inner}</${tag}>` : inner;
        i = close + marker.length;
        continue;
      }
    }
    if (c === "[" && !inLink) {
      const link = /^\[([^\]\n]+)\]\(([^)\s]+)\)/.exec(line.slice(i));
      if (link && SAFE_URL.test(link[2] ?? "")) {
        flush();
        const label = inline(link[1] ?? "", mode, resolve, true);
        const href = emit(link[2] ?? "", mode, resolve, "href");
        if (mode === "html") {
          out += `<a href="${href}" rel="noopener noreferrer">${label}</a>`;
        } else {
          out += label === href ? href : `${label} (${href})`;
        }
        i += link[0].length;
        continue;
      }
    }
    literal += c;
    i++;
  }
  flush();
  return out;
}

type Block =
  | { kind: "paragraph"; lines: string[] }
  | { kind: "list"; ordered: boolean; start: number; items: string[]; raw: string[] };

function blocks(source: string): Block[] {
  const result: Block[] = [];
  let current: Block | null = null;
  for (const line of source.split("\n")) {
    if (line.trim() === "") {
      current = null;
      continue;
    }
    const unordered = UNORDERED.exec(line);
    const ordered = unordered ? null : ORDERED.exec(line);
    if (unordered || ordered) {
      const isOrdered = ordered !== null;
      const item = (unordered ? unordered[1] : ordered?.[2]) ?? "";
      if (current?.kind !== "list" || current.ordered !== isOrdered) {
        current = {
          kind: "list",
          ordered: isOrdered,
          start: ordered ? Number(ordered[1]) : 1,
          items: [],
          raw: [],
        };
        result.push(current);
      }
      current.items.push(item);
      current.raw.push(line);
      continue;
    }
    if (current?.kind !== "paragraph") {
      current = { kind: "paragraph", lines: [] };
      result.push(current);
    }
    current.lines.push(line);
  }
  return result;
}

/** The Markdown as HTML: paragraphs, <br> line breaks, lists, strong, em and safe links. */
export function markdownToHtml(source: string, resolve: ResolveSlot): string {
  return blocks(source)
    .map((block) => {
      if (block.kind === "paragraph") {
        return `<p>${block.lines.map((line) => inline(line, "html", resolve)).join("<br>")}</p>`;
      }
      const items = block.items.map((item) => `<li>${inline(item, "html", resolve)}</li>`);
      if (!block.ordered) return `<ul>${items.join("")}</ul>`;
      const start = block.start === 1 ? "" : ` start="${block.start}"`;
      return `<ol${start}>${items.join("")}</ol>`;
    })
    .join("");
}

/**
 * The Markdown as plain text: emphasis markers dropped, links as "label (url)", list markers
 * and line structure kept as written, so a reply pasted as text reads as the author laid it out.
 */
export function markdownToText(source: string, resolve: ResolveSlot): string {
  return source
    .split("\n")
    .map((line) => {
      const item = UNORDERED.exec(line) ?? ORDERED.exec(line);
      if (!item) return inline(line, "text", resolve);
      const body = item[item.length - 1] ?? "";
      const marker = line.slice(0, line.length - body.length);
      return marker + inline(body, "text", resolve);
    })
    .join("\n");
}
