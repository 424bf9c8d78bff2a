/**
 * Text normalisation before featurisation: the same function runs at training and at prediction
 * time, so whatever it does is part of the model (its options are stored in the artefact).
 *
 * Steps: NFKC (full-width letters, ligatures and odd spaces become their plain forms), lower-case,
 * typographic apostrophes → ', contractions expanded ("can't" → "can not", so "not" is one feature
 * and word vectors find both words), then optional placeholders for things whose exact value never
 * says what the customer wants: URLs, e-mail addresses, long digit runs (order/card/account ids)
 * and other numbers. Placeholders are plain words ("urltoken") so they become ordinary features.
 */

export interface NormalizeOptions {
  expandContractions: boolean;
  /** Replace URLs, e-mails, ids and numbers by placeholder words. */
  placeholders: boolean;
}

export const DEFAULT_NORMALIZE: NormalizeOptions = { expandContractions: true, placeholders: true };

/** Irregular forms first; the regular suffixes are handled by SUFFIXES below. */
const IRREGULAR: Record<string, string> = {
  "can't": "can not",
  "won't": "will not",
  "shan't": "shall not",
  "ain't": "is not",
  "let's": "let us",
  "y'all": "you all",
  // The same words typed without the apostrophe, common in chat; only unambiguous ones
  // ("wont", "its", "were", "ill", "id", "well" are real words and stay).
  cant: "can not",
  dont: "do not",
  doesnt: "does not",
  didnt: "did not",
  isnt: "is not",
  wasnt: "was not",
  arent: "are not",
  werent: "were not",
  havent: "have not",
  hasnt: "has not",
  hadnt: "had not",
  wouldnt: "would not",
  couldnt: "could not",
  shouldnt: "should not",
  im: "i am",
  ive: "i have",
  youre: "you are",
  theyre: "they are",
  whats: "what is",
};

/** "'s" is "is" only after these words; elsewhere it is a possessive and is dropped. */
const S_IS = new Set(["it", "that", "what", "there", "here", "he", "she", "where", "how", "who"]);

const SUFFIXES: [string, string][] = [
  ["n't", " not"],
  ["'re", " are"],
  ["'ve", " have"],
  ["'ll", " will"],
  ["'d", " would"],
  ["'m", " am"],
];

/** The words normalizeText puts in place of URLs, e-mails, ids and numbers. */
export const PLACEHOLDER_TOKENS: ReadonlySet<string> = new Set([
  "urltoken",
  "emailtoken",
  "idtoken",
  "numtoken",
]);

const APOSTROPHES = /[\u2018\u2019\u201b\u2032\u0060\u00b4]/g;
const URL = /\b(?:https?:\/\/|www\.)[^\s]+/g;
const EMAIL = /\b[^\s@]+@[^\s@]+\.[a-z]{2,}\b/g;
// A run of 6+ digits (optionally grouped by spaces or dashes) or a code mixing letters and
// digits with at least 4 digits: order numbers, card numbers, tracking codes.
const ID = /\b(?:\d[\d -]{4,}\d|(?=[a-z]*\d)(?=(?:[a-z]*\d){4})[a-z0-9]{6,})\b/g;
const NUMBER = /\b\d+(?:[.,]\d+)?\b/g;
const WORD_WITH_APOSTROPHE = /[\p{L}]+'[\p{L}]+|[\p{L}]+/gu;

function expandWord(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (!word.includes("'")) return word;
  if (word.endsWith("'s")) {
    const stem = word.slice(0, -2);
    return S_IS.has(stem) ? `${stem} is` : stem;
  }
  for (const [suffix, replacement] of SUFFIXES) {
    if (word.endsWith(suffix)) return word.slice(0, -suffix.length) + replacement;
  }
  return word.replace(/'/g, " ");
}

export function normalizeText(text: string, options: NormalizeOptions = DEFAULT_NORMALIZE): string {
  let out = text.normalize("NFKC").toLowerCase().replace(APOSTROPHES, "'");
  if (options.placeholders) {
    out = out
      .replace(URL, " urltoken ")
      .replace(EMAIL, " emailtoken ")
      .replace(ID, " idtoken ")
      .replace(NUMBER, " numtoken ");
  }
  if (options.expandContractions) out = out.replace(WORD_WITH_APOSTROPHE, expandWord);
  return out;
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/** Words: runs of letters and digits; punctuation separates and is dropped. */
export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN) ?? [];
}
