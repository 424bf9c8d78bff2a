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
 * The distinct content words of a text, normalised as keyword triggers compare them (case,
 * accents and punctuation ignored), in order of first appearance.
 */
export function contentTokens(text: string): string[] {
  const seen = new Set<string>();
  for (const word of normalizeForMatching(text).split(" ")) {
    if (word.length < 2 || STOPWORDS.has(word) || seen.has(word)) continue;
    seen.add(word);
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
