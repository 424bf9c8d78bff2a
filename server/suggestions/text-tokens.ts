import { normalizeForMatching } from "@/server/templates/triggers/normalize-text";

/**
 * Words that say nothing about what a customer wants. Kept short on purpose: "not", "cancel",
 * "why" and the like stay, because they change which reply fits.
 */
const STOPWORDS = new Set(
  (
    "a an the and or but if of to in on at by for with from as is are was were be been being am " +
    "i me my mine we our you your he she it its they them their this that these those there here " +
    "do does did have has had so than then too very just can could would should will shall may " +
    "might must please hi hello hey thanks thank regards dear"
  ).split(" "),
);

/** At most this many distinct words per message: past choices compare sets of this size. */
export const MAX_TOKENS = 48;

/**
 * A light English suffix strip ("parcels" → "parcel", "ships" → "ship", "shipping" → "shipp"
 * → the same as "shipped"): enough for word overlap to see inflected forms as one word. Only
 * Latin-script words of five letters or more are touched, so short words and other languages
 * pass through unchanged. Not a full stemmer: over-stemming merges unrelated words, which costs
 * more in ranking than a missed plural.
 */
export function lightStem(word: string): string {
  if (word.length < 5 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ing") && word.length >= 6) return word.slice(0, -3);
  if (word.endsWith("ed") && word.length >= 6) return word.slice(0, -2);
  if (word.endsWith("es") && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) return word.slice(0, -1);
  return word;
}

/**
 * The distinct content words of a text, normalised as keyword triggers compare them (case,
 * accents and punctuation ignored) and lightly stemmed, in order of first appearance.
 */
export function contentTokens(text: string): string[] {
  const seen = new Set<string>();
  for (const word of normalizeForMatching(text).split(" ")) {
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    const stem = lightStem(word);
    if (seen.has(stem)) continue;
    seen.add(stem);
    if (seen.size >= MAX_TOKENS) break;
  }
  return [...seen];
}

/** |a ∩ b| / |a ∪ b|; 0 for two empty sets. */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const set = new Set(a);
  let shared = 0;
  for (const word of b) if (set.has(word)) shared++;
  return shared / (set.size + b.length - shared);
}
