import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * VADER's compound score (Hutto & Gilbert 2014), computed as the vader-sentiment package computes
 * it — same lexicon (its vader_lexicon.txt), same rules, same result to the last digit on every
 * message of BANKING77 and Bitext (vader.test.ts) — but several times faster: the package's
 * tokeniser builds a map of 34 punctuated forms of every word of the message and copies the
 * negation list for every check, which made VADER the largest single item of a suggestion's CPU
 * under load (≈ 9.5 %, bench/suggest-http.ts). Only `compound` is computed: the suggestion
 * engine uses nothing else (sentiment.ts).
 */

const B_INCR = 0.293;
const B_DECR = -0.293;
const C_INCR = 0.733;
const N_SCALAR = -0.74;

/** ASCII punctuation, as the package's REGEX_REMOVE_PUNCTUATION. */
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;
const PUNCTUATION_ALL = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
const PUNC_LIST = new Set([
  ".",
  "!",
  "?",
  ",",
  ";",
  ":",
  "-",
  "'",
  '"',
  "!!",
  "!!!",
  "??",
  "???",
  "?!?",
  "!?!",
  "?!?!",
  "!?!?",
]);
const NEGATE = new Set([
  "aint",
  "arent",
  "cannot",
  "cant",
  "couldnt",
  "darent",
  "didnt",
  "doesnt",
  "ain't",
  "aren't",
  "can't",
  "couldn't",
  "daren't",
  "didn't",
  "doesn't",
  "dont",
  "hadnt",
  "hasnt",
  "havent",
  "isnt",
  "mightnt",
  "mustnt",
  "neither",
  "don't",
  "hadn't",
  "hasn't",
  "haven't",
  "isn't",
  "mightn't",
  "mustn't",
  "neednt",
  "needn't",
  "never",
  "none",
  "nope",
  "nor",
  "not",
  "nothing",
  "nowhere",
  "oughtnt",
  "shant",
  "shouldnt",
  "uhuh",
  "wasnt",
  "werent",
  "oughtn't",
  "shan't",
  "shouldn't",
  "uh-uh",
  "wasn't",
  "weren't",
  "without",
  "wont",
  "wouldnt",
  "won't",
  "wouldn't",
  "rarely",
  "seldom",
  "despite",
]);
const BOOSTERS = new Map<string, number>([
  ...[
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormously",
    "entirely",
    "especially",
    "exceptionally",
    "extremely",
    "fabulously",
    "flipping",
    "flippin",
    "fricking",
    "frickin",
    "frigging",
    "friggin",
    "fully",
    "fucking",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredibly",
    "intensely",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "totally",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utterly",
    "very",
  ].map((w): [string, number] => [w, B_INCR]),
  ...[
    "almost",
    "barely",
    "hardly",
    "just enough",
    "kind of",
    "kinda",
    "kindof",
    "kind-of",
    "less",
    "little",
    "marginally",
    "occasionally",
    "partly",
    "scarcely",
    "slightly",
    "somewhat",
    "sort of",
    "sorta",
    "sortof",
    "sort-of",
  ].map((w): [string, number] => [w, B_DECR]),
]);
const IDIOMS = new Map<string, number>([
  ["the shit", 3],
  ["the bomb", 3],
  ["bad ass", 1.5],
  ["yeah right", -2],
  ["cut the mustard", 2],
  ["kiss of death", -1.5],
  ["hand to mouth", -2],
]);

let lexicon: Map<string, number> | undefined;
/** The package's own lexicon file, read once per process (7,503 entries). */
function vaderLexicon(): Map<string, number> {
  if (lexicon) return lexicon;
  const file = path.join(
    /* turbopackIgnore: true */ process.cwd(),
    "node_modules",
    "vader-sentiment",
    "vader_lexicon.txt",
  );
  const entries = new Map<string, number>();
  for (const line of readFileSync(/* turbopackIgnore: true */ file, "utf8").split("\n")) {
    const [token, mean] = line.split("\t");
    if (token && mean !== undefined) entries.set(token, Number(mean)); // the last line wins, as in the package
  }
  lexicon = entries;
  return entries;
}

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

/** The package's `negated([word])`: a negation word, an "n't", or nothing ("least" needs two words). */
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
