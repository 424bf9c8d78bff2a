/**
 * Words as search sees them, close to PostgreSQL's 'simple' text search configuration:
 * compatibility-normalised (NFKC: "ＲＥＦＵＮＤ" finds "refund") runs of letters, combining
 * marks and digits, lower-cased one code point at a time as PostgreSQL does. Used for the
 * query's terms, for highlighting and for the vocabulary that misspellings are corrected
 * against; every word is safe to quote as a tsquery lexeme, whatever Unicode came in.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
/** What a word (hence a quoted tsquery lexeme) may contain: never a quote or a backslash. */
export const SAFE_WORD = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}]*$/u;

/**
 * PostgreSQL lower-cases character by character (simple case mapping): "İ" → "i", "Σ" → "σ".
 * JavaScript's toLowerCase applies the full mapping ("İ" → "i" + U+0307, a combining dot that
 * no lexeme contains) and the final-sigma rule. Mapping each code point alone and keeping the
 * first code point of the result gives PostgreSQL's answer for every character.
 */
function lowerLikePostgres(text: string): string {
  let out = "";
  for (const char of text) {
    const lower = char.toLowerCase();
    out += lower.length === char.length ? lower : String.fromCodePoint(lower.codePointAt(0) ?? 0);
  }
  return out;
}

export function normalizeWord(word: string): string {
  return lowerLikePostgres(word.normalize("NFKC"));
}

/** The words of `text` in order, normalised. */
export function wordsOf(text: string): string[] {
  return [...text.normalize("NFKC").matchAll(WORD)].map((m) => lowerLikePostgres(m[0]));
}

/** Each word with its position in `text` (offsets into the original string). */
export function wordSpans(text: string): { word: string; start: number; end: number }[] {
  return [...text.matchAll(WORD)].map((m) => ({
    word: normalizeWord(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

export const MIN_VOCABULARY_WORD = 3;
export const MAX_VOCABULARY_WORD = 64;

/**
 * The words a template adds to the workspace's search vocabulary (template_search_terms):
 * those of its name and of the trigger text, at least three letters, not bare numbers.
 */
export function vocabularyOf(name: string, triggerText: string): string[] {
  const words = new Set<string>();
  for (const word of wordsOf(`${name}\n${triggerText}`)) {
    if (word.length < MIN_VOCABULARY_WORD || word.length > MAX_VOCABULARY_WORD) continue;
    if (/^\p{N}+$/u.test(word)) continue;
    words.add(word);
  }
  return [...words];
}
