/**
 * The terms a text contributes, before any vocabulary: word n-grams over the tokens and
 * character n-grams inside each word padded with one space on either side (scikit-learn's
 * `char_wb`), so "card" gives " c", "ca", …, "ard ", and n-grams never span two words. Word and
 * character terms are counted separately because they are weighted and normalised as two blocks.
 */

export interface TermOptions {
  /** Inclusive range of word n-gram lengths, e.g. [1, 2]. */
  wordNgrams: [number, number];
  /** Inclusive range of character n-gram lengths, e.g. [2, 5]; [0, 0] turns the block off. */
  charNgrams: [number, number];
  /**
   * "wb" (default, scikit-learn's char_wb): n-grams inside each padded word; "char": n-grams over
   * the whole token sequence joined by spaces, so they also span word boundaries.
   */
  charMode?: "wb" | "char";
}

export interface TermCounts {
  words: Map<string, number>;
  chars: Map<string, number>;
}

function add(map: Map<string, number>, term: string): void {
  map.set(term, (map.get(term) ?? 0) + 1);
}

export function countTerms(tokens: readonly string[], options: TermOptions): TermCounts {
  const words = new Map<string, number>();
  const chars = new Map<string, number>();
  const [wordMin, wordMax] = options.wordNgrams;
  for (let n = Math.max(1, wordMin); n <= wordMax; n++) {
    for (let i = 0; i + n <= tokens.length; i++) add(words, tokens.slice(i, i + n).join(" "));
  }
  const [charMin, charMax] = options.charNgrams;
  if (charMax > 0 && options.charMode === "char") {
    const joined = ` ${tokens.join(" ")} `;
    for (let n = Math.max(1, charMin); n <= charMax; n++) {
      for (let i = 0; i + n <= joined.length; i++) add(chars, joined.slice(i, i + n));
    }
  } else if (charMax > 0) {
    for (const token of tokens) {
      const padded = ` ${token} `;
      for (let n = Math.max(1, charMin); n <= charMax; n++) {
        for (let i = 0; i + n <= padded.length; i++) add(chars, padded.slice(i, i + n));
        // scikit-learn stops once an n-gram covers the whole padded word: longer ones repeat it.
        if (n >= padded.length) break;
      }
    }
  }
  return { words, chars };
}

/** 32-bit FNV-1a over UTF-16 code units: stable across processes, used by the hashing mode. */
export function hashTerm(term: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
