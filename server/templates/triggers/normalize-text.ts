/**
 * Text as keyword and phrase triggers compare it: compatibility-normalised, lower-cased,
 * Latin/Greek/Cyrillic accents removed (customers often type "senor" for "señor"), and every
 * run of non-letters and non-digits collapsed to one space. Only U+0300–U+036F is stripped,
 * so vowel signs of Indic and other scripts, which change the word, are kept.
 */
export function normalizeForMatching(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, " ")
    .trim();
}
