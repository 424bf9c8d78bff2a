/**
 * Words as search sees them, close to PostgreSQL's 'simple' text search configuration:
 * compatibility-normalised, lower-cased runs of letters and digits. Used for the query's
 * terms, for highlighting and for the vocabulary that misspellings are corrected against.
 */
const WORD = /[\p{L}\p{N}]+/gu;

export function normalizeWord(word: string): string {
  return word.normalize("NFKC").toLowerCase();
}

/** The words of `text` in order, normalised. */
export function wordsOf(text: string): string[] {
  return [...text.normalize("NFKC").matchAll(WORD)].map((m) => m[0].toLowerCase());
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
