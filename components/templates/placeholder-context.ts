const NAME_CHAR = /[A-Za-z0-9_.]/;

/** The placeholder name being typed at the caret: what autocomplete filters by and replaces. */
export type PlaceholderContext = {
  /** Offset just after the opening `{`. */
  from: number;
  /** End of the name characters after the caret (the whole name is replaced). */
  to: number;
  /** What is typed between `{` and the caret. */
  query: string;
  /** A `}` or `|fallback` already follows the name, so insertion adds no `}`. */
  closed: boolean;
};

/**
 * Finds an open placeholder around the caret: `{` followed only by name characters up to the
 * caret. `{{` is a literal brace, so only an odd run of `{` opens a placeholder.
 */
export function placeholderAt(content: string, caret: number): PlaceholderContext | null {
  let start = caret;
  while (start > 0 && NAME_CHAR.test(content.charAt(start - 1))) start--;
  const brace = start - 1;
  if (brace < 0 || content.charAt(brace) !== "{") return null;
  let run = 0;
  for (let i = brace; i >= 0 && content.charAt(i) === "{"; i--) run++;
  if (run % 2 === 0) return null;
  let to = caret;
  while (to < content.length && NAME_CHAR.test(content.charAt(to))) to++;
  const next = content.charAt(to);
  return {
    from: start,
    to,
    query: content.slice(start, caret),
    closed: next === "}" || next === "|",
  };
}

/** Names matching what is typed: prefix matches first, then any that contain it. */
export function filterNames(names: readonly string[], query: string, limit = 8): string[] {
  const q = query.toLowerCase();
  if (q === "") return names.slice(0, limit);
  const prefix = names.filter((name) => name.toLowerCase().startsWith(q));
  const inner = names.filter(
    (name) => !name.toLowerCase().startsWith(q) && name.toLowerCase().includes(q),
  );
  return [...prefix, ...inner].slice(0, limit);
}
