/**
 * VADER's compound score (Hutto & Gilbert 2014), computed as the vader-sentiment package computes
 * it — same lexicon (its vader_lexicon.txt), same rules, same result to the last digit on every
 * message of BANKING77 and Bitext (vader.test.ts) — but several times faster: the package's
 * tokeniser builds a map of 34 punctuated forms of every word of the message and copies the
 * negation list for every check, which made VADER the largest single item of a suggestion's CPU
 * under load (≈ 9.5 %, bench/suggest-http.ts). Only `compound` is computed: the suggestion
 * engine uses nothing else (sentiment.ts).
 */

import {
  B_DECR,
  BOOSTERS,
  C_INCR,
  IDIOMS,
  N_SCALAR,
  NEGATE,
  PUNC_LIST,
  PUNCTUATION,
  vaderLexicon,
} from "./vader-lexicon";

/** Every punctuation mark at once (`replace` resets a global pattern, so one is shared). */
const PUNCTUATION_ALL = new RegExp(PUNCTUATION.source, "g");

/** Python's str.isupper as the package implements it. */
const isUpper = (word: string) => /^[^a-z]*[A-Z]+[^a-z]*$/.test(word);

/**
 * Tokens of length > 1 split on whitespace; a token that is a word of the message with one
 * PUNC_LIST mark before or after it becomes the bare word (the package's punctuated-form map,
 * without building it: a word never contains punctuation, so the mark is the token's whole
 * leading or trailing run of punctuation).
 */
function wordsAndEmoticons(text: string): string[] {
  const bare = new Set(
    text
      .replace(PUNCTUATION_ALL, "")
      .split(/\s/)
      .filter((w) => w.length > 1),
  );
  const out: string[] = [];
  for (const token of text.split(/\s/)) {
    if (token.length <= 1) continue;
    let lead = 0;
    while (lead < token.length && PUNCTUATION.test(token.charAt(lead))) lead++;
    if (lead > 0) {
      const word = token.slice(lead);
      if (PUNC_LIST.has(token.slice(0, lead)) && bare.has(word)) {
        out.push(word);
        continue;
      }
    }
    let trail = token.length;
    while (trail > 0 && PUNCTUATION.test(token.charAt(trail - 1))) trail--;
    if (trail < token.length) {
      const word = token.slice(0, trail);
      if (PUNC_LIST.has(token.slice(trail)) && bare.has(word)) {
        out.push(word);
        continue;
      }
    }
    out.push(token);
  }
  return out;
}

/**
 * The package's `negated([word])` for one word: a negation word or an "n't" ("least" needs two
 * words). Only asked of words that exist (the caller checks the index).
 */
const negated = (word: string | undefined) =>
  word !== undefined && (NEGATE.has(word) || word.includes("n't"));

function scalarIncDec(word: string, valence: number, capDiff: boolean): number {
  let scalar = BOOSTERS.get(word.toLowerCase());
  if (scalar === undefined) return 0;
  if (valence < 0) scalar *= -1;
  if (capDiff && isUpper(word)) scalar += valence > 0 ? C_INCR : -C_INCR;
  return scalar;
}

function neverCheck(valence: number, words: string[], startI: number, index: number): number {
  const at = (i: number) => words[index - i];
  if (startI === 0) return negated(at(1)) ? valence * N_SCALAR : valence;
  if (startI === 1) {
    if (at(2) === "never" && (at(1) === "so" || at(1) === "this")) return valence * 1.5;
    return negated(at(2)) ? valence * N_SCALAR : valence;
  }
  if (
    (at(3) === "never" && (at(2) === "so" || at(2) === "this")) ||
    at(1) === "so" ||
    at(1) === "this"
  ) {
    return valence * 1.25;
  }
  return negated(at(3)) ? valence * N_SCALAR : valence;
}

function idiomsCheck(valence: number, words: string[], index: number): number {
  // Out-of-range words print as "undefined" in the package's template strings: kept, so that
  // the same sequences are looked up.
  const w = (i: number) => `${words[i]}`;
  const oneZero = `${w(index - 1)} ${w(index)}`;
  const twoOneZero = `${w(index - 2)} ${w(index - 1)} ${w(index)}`;
  const twoOne = `${w(index - 2)} ${w(index - 1)}`;
  const threeTwoOne = `${w(index - 3)} ${w(index - 2)} ${w(index - 1)}`;
  const threeTwo = `${w(index - 3)} ${w(index - 2)}`;
  for (const sequence of [oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo]) {
    const idiom = IDIOMS.get(sequence);
    if (idiom !== undefined) {
      valence = idiom;
      break;
    }
  }
  if (words.length - 1 > index) {
    const idiom = IDIOMS.get(`${w(index)} ${w(index + 1)}`);
    if (idiom !== undefined) valence = idiom;
  }
  if (words.length - 1 > index + 1) {
    const idiom = IDIOMS.get(`${w(index)} ${w(index + 1)} ${w(index + 2)}`);
    if (idiom !== undefined) valence = idiom;
  }
  if (BOOSTERS.has(threeTwo) || BOOSTERS.has(twoOne)) valence += B_DECR;
  return valence;
}

function leastCheck(valence: number, words: string[], index: number, lex: Map<string, number>) {
  const before = words[index - 1]?.toLowerCase();
  if (before !== "least" || lex.has(before)) return valence;
  if (index > 1) {
    const twoBefore = words[index - 2]?.toLowerCase();
    return twoBefore !== "at" && twoBefore !== "very" ? valence * N_SCALAR : valence;
  }
  return index > 0 ? valence * N_SCALAR : valence;
}

function valenceOf(words: string[], index: number, capDiff: boolean, lex: Map<string, number>) {
  const item = words[index] ?? "";
  let valence = lex.get(item.toLowerCase());
  if (valence === undefined) return 0;
  if (capDiff && isUpper(item)) valence += valence > 0 ? C_INCR : -C_INCR;
  for (let startI = 0; startI < 3; startI++) {
    const previous = words[index - (startI + 1)];
    if (index > startI && previous !== undefined && !lex.has(previous.toLowerCase())) {
      let s = scalarIncDec(previous, valence, capDiff);
      if (startI === 1 && s !== 0) s *= 0.95;
      else if (startI === 2 && s !== 0) s *= 0.9;
      valence = neverCheck(valence + s, words, startI, index);
      if (startI === 2) valence = idiomsCheck(valence, words, index);
    }
  }
  return leastCheck(valence, words, index, lex);
}

/** VADER's normalised compound score in [−1, 1], rounded to 4 places as the package does. */
export function vaderCompound(text: string): number {
  const lex = vaderLexicon();
  const words = wordsAndEmoticons(text);
  let upper = 0;
  for (const word of words) if (isUpper(word)) upper++;
  const capDiff = words.length - upper > 0 && words.length - upper < words.length;
  const sentiments: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const lower = (words[i] ?? "").toLowerCase();
    const kindOf = i < words.length - 1 && lower === "kind" && words[i + 1]?.toLowerCase() === "of";
    sentiments.push(kindOf || BOOSTERS.has(lower) ? 0 : valenceOf(words, i, capDiff, lex));
  }
  if (sentiments.length === 0) return 0;
  let butIndex = words.indexOf("but");
  if (butIndex === -1) butIndex = words.indexOf("BUT");
  let sum = 0;
  for (let i = 0; i < sentiments.length; i++) {
    const s = sentiments[i] ?? 0;
    sum += butIndex === -1 || i === butIndex ? s : i < butIndex ? s * 0.5 : s * 1.5;
  }
  let exclamations = 0;
  let questions = 0;
  for (const char of text) {
    if (char === "!") exclamations++;
    else if (char === "?") questions++;
  }
  const emphasis =
    Math.min(exclamations, 4) * 0.292 +
    (questions > 1 ? (questions <= 3 ? questions * 0.18 : 0.96) : 0);
  if (sum > 0) sum += emphasis;
  else if (sum < 0) sum -= emphasis;
  const normalised = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + 15)));
  return Number.parseFloat(normalised.toFixed(4));
}
