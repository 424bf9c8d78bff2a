import { SAFE_WORD, wordsOf } from "./search-words";

/**
 * Search input in the spirit of websearch_to_tsquery, for search-as-you-type: every word is
 * a prefix (`refu` finds "refund"), `"quoted words"` must be adjacent, `-word` excludes, and
 * `or` separates alternatives. Only letters and digits survive into the query, and they reach
 * PostgreSQL as one bound parameter of to_tsquery, so no user text is ever part of the SQL.
 */
export type QueryClause = {
  /** Normalised words; more than one means adjacent words (a phrase, or `e-mail`). */
  words: string[];
  negated: boolean;
};

export type ParsedQuery = {
  /** Alternatives (OR) of clause lists (AND). Every group has at least one positive clause. */
  groups: QueryClause[][];
  /** The positive words, in order, deduplicated. */
  words: string[];
  /** The positive words as one string, what name similarity is measured against. */
  text: string;
};

export const MAX_QUERY_CLAUSES = 8;
export const MAX_PHRASE_WORDS = 8;
/** Shorter words are not corrected: a typo in three letters is usually another word. */
export const MIN_CORRECTED_WORD = 4;
const MAX_CORRECTED_WORDS = 6;

type Token = { kind: "clause"; clause: QueryClause } | { kind: "or" };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] ?? "";
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    let negated = false;
    if (c === "-" && i + 1 < input.length && !/\s/.test(input[i + 1] ?? "")) {
      negated = true;
      i++;
    }
    let raw: string;
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close === -1 ? input.length : close;
      raw = input.slice(i + 1, end);
      i = end + 1;
    } else {
      const start = i;
      while (i < input.length && !/[\s"]/.test(input[i] ?? "")) i++;
      raw = input.slice(start, i);
      if (!negated && raw.toLowerCase() === "or") {
        tokens.push({ kind: "or" });
        continue;
      }
    }
    const words = wordsOf(raw).slice(0, MAX_PHRASE_WORDS);
    if (words.length > 0) tokens.push({ kind: "clause", clause: { words, negated } });
  }
  return tokens;
}

export function parseSearchQuery(input: string): ParsedQuery {
  const groups: QueryClause[][] = [];
  let current: QueryClause[] = [];
  let clauses = 0;
  const close = () => {
    if (current.some((c) => !c.negated)) groups.push(current);
    current = [];
  };
  for (const token of tokenize(input)) {
    if (token.kind === "or") {
      close();
      continue;
    }
    if (clauses >= MAX_QUERY_CLAUSES) break;
    current.push(token.clause);
    clauses++;
  }
  close();
  const words = [
    ...new Set(groups.flatMap((g) => g.filter((c) => !c.negated).flatMap((c) => c.words))),
  ];
  return { groups, words, text: words.join(" ") };
}

/** Single positive words long enough to be worth correcting when misspelled. */
export function correctableWords(query: ParsedQuery): string[] {
  const words = query.groups.flatMap((g) =>
    g.filter((c) => !c.negated && c.words.length === 1).map((c) => c.words[0] ?? ""),
  );
  return [...new Set(words.filter((w) => w.length >= MIN_CORRECTED_WORD))].slice(
    0,
    MAX_CORRECTED_WORDS,
  );
}

// Query words come from wordsOf, so they always pass; the check keeps the quoting safe even
// if that changes.
const lexeme = (word: string) => {
  if (!SAFE_WORD.test(word)) throw new Error(`unsafe lexeme ${JSON.stringify(word)}`);
  return `'${word}'`;
};

function clauseQuery(clause: QueryClause, corrections: ReadonlyMap<string, string[]>): string {
  const { words, negated } = clause;
  if (negated) return `!(${words.map(lexeme).join(" <-> ")})`;
  if (words.length > 1) {
    // The last word may still be being typed.
    return `(${words.map((w, i) => (i === words.length - 1 ? `${lexeme(w)}:*` : lexeme(w))).join(" <-> ")})`;
  }
  const word = words[0] ?? "";
  // Corrections are vocabulary rows, some written by older code (e.g. "i" + U+0307 from "İ"):
  // one that is not a clean word is skipped, so it cannot break search for the workspace.
  const alternatives = (corrections.get(word) ?? []).filter((a) => a !== word && SAFE_WORD.test(a));
  return `(${[`${lexeme(word)}:*`, ...alternatives.map(lexeme)].join(" | ")})`;
}

/**
 * The to_tsquery('simple', …) text for a parsed query, with each misspelled word OR-ed with
 * its corrections: `refnud polcy` → `(('refnud':* | 'refund') & ('polcy':* | 'policy'))`.
 * Null when nothing positive is left to search for.
 */
export function buildTsQuery(
  query: ParsedQuery,
  corrections: ReadonlyMap<string, string[]> = new Map(),
): string | null {
  if (query.groups.length === 0) return null;
  return query.groups
    .map((group) => `(${group.map((c) => clauseQuery(c, corrections)).join(" & ")})`)
    .join(" | ");
}
