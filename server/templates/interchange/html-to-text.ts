const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (entity, body: string) => {
    if (body.startsWith("#")) {
      const code =
        body[1] === "x" || body[1] === "X"
          ? Number.parseInt(body.slice(2), 16)
          : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED[body.toLowerCase()] ?? entity;
  });
}

/**
 * Plain text from a macro's `comment_value_html`, used only when a macro has no plain
 * `comment_value`. Parley content is text (HTML output escapes it), so markup must go:
 * paragraphs become blank lines, other blocks line breaks, tags are dropped, entities decoded.
 */
export function htmlToText(html: string): string {
  return (
    decodeEntities(
      html
        .replace(/<br\s*\/?>/gi, "\n")
        .replace(/<\/(p|h[1-6]|blockquote)>/gi, "\n\n")
        .replace(/<\/(div|li|tr)>/gi, "\n")
        .replace(/<li[^<>]*>/gi, "- ")
        // [^<>] rather than [^>]: stays linear on a long run of "<" with no ">".
        .replace(/<[^<>]*>/g, ""),
    )
      // Per line rather than /[ \t]+\n/, which backtracks quadratically on long runs of spaces.
      .split("\n")
      .map((line) => line.trimEnd())
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}
