/**
 * Key phrases of a group of messages: the word unigrams and bigrams most over-represented in the
 * group against the whole corpus (document frequency in the group × log-lift over the corpus, both
 * smoothed), stopwords and placeholder tokens left out; a bigram hides the unigrams inside it.
 */
import { normalizeText, tokenize } from "@/server/training/model/normalize";
import { isTopicWord } from "./stopwords";

const skipped = (token: string) => !isTopicWord(token);

export function phraseTerms(text: string): Set<string> {
  return phraseTermsOfTokens(tokenize(normalizeText(text)));
}

/** phraseTerms from the text's tokens under the default normalisation. */
export function phraseTermsOfTokens(tokens: readonly string[]): Set<string> {
  const terms = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i] as string;
    if (!skipped(a) && a.length > 1) terms.add(a);
    const b = tokens[i + 1];
    if (b !== undefined && !skipped(a) && !skipped(b)) terms.add(`${a} ${b}`);
  }
  return terms;
}

/** Document frequencies of phrase terms over a corpus (term sets from phraseTerms). */
export function documentFrequencies(termSets: readonly Set<string>[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const set of termSets) for (const term of set) df.set(term, (df.get(term) ?? 0) + 1);
  return df;
}

export function keyPhrases(
  groupTermSets: readonly Set<string>[],
  corpusDf: Map<string, number>,
  corpusSize: number,
  limit = 5,
): string[] {
  const n = groupTermSets.length;
  if (n === 0) return [];
  const groupDf = documentFrequencies(groupTermSets);
  const minCount = Math.max(2, Math.ceil(n * 0.08));
  const scored: { term: string; score: number }[] = [];
  for (const [term, count] of groupDf) {
    if (count < Math.min(minCount, n)) continue;
    const pIn = (count + 0.5) / (n + 1);
    const pAll = ((corpusDf.get(term) ?? count) + 0.5) / (corpusSize + 1);
    const lift = Math.log(pIn / pAll);
    if (lift <= 0) continue;
    // Bigrams carry more meaning per word: a small boost so "card limit" beats "card".
    scored.push({ term, score: pIn * lift * (term.includes(" ") ? 1.3 : 1) });
  }
  scored.sort((x, y) => y.score - x.score || (x.term < y.term ? -1 : 1));
  const chosen: string[] = [];
  for (const { term } of scored) {
    if (chosen.length >= limit) break;
    const covered = chosen.some((c) => c.includes(" ") && c.split(" ").includes(term));
    if (covered) continue;
    // A bigram chosen after its unigram replaces the unigram.
    const words = term.split(" ");
    for (let i = chosen.length - 1; i >= 0; i--) {
      if (words.length > 1 && words.includes(chosen[i] as string)) chosen.splice(i, 1);
    }
    chosen.push(term);
  }
  return chosen;
}
