/**
 * Flesch reading ease for English text (206.835 − 1.015·words/sentence − 84.6·syllables/word):
 * 60–70 is plain English, below 50 is hard going. Syllables are counted by vowel groups, the
 * usual approximation; placeholders count as one short word.
 */
export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, "");
  if (w.length === 0) return 0;
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, "").replace(/^y/, "");
  const groups = trimmed.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}

export function words(text: string): string[] {
  return text
    .replace(/\{[^{}\n]*\}/g, " name ")
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((w) => w.length > 0);
}

export function sentenceCount(text: string): number {
  const sentences = text.split(/[.!?]+(?:\s|$)|\n{2,}/).filter((s) => /\p{L}/u.test(s));
  return Math.max(1, sentences.length);
}

export function readingEase(text: string): number | null {
  const list = words(text);
  if (list.length === 0) return null;
  const syllables = list.reduce((n, w) => n + countSyllables(w), 0);
  const score =
    206.835 - 1.015 * (list.length / sentenceCount(text)) - 84.6 * (syllables / list.length);
  return Math.round(score * 10) / 10;
}
