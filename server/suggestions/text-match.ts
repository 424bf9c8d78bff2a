import { contentTokens } from "./text-tokens";

/**
 * Word overlap between a message and each template, as TF-IDF cosine over the template's name
 * (counted three times), trigger keywords and phrases (twice) and text (once). Built once per
 * catalog version in memory: the search box's SQL search (server/templates/search/) tolerates
 * prefixes and typos for a person typing a few words, which is noise when the query is a whole
 * customer message, and a query per request would cost more than this index lookup.
 */
export interface TextIndex {
  /** token → postings (document index, weighted term frequency). */
  postings: Map<string, { doc: number; tf: number }[]>;
  idf: Map<string, number>;
  norms: Float64Array;
  size: number;
}

export interface TextDocument {
  name: string;
  triggerText: string;
  content: string;
}

export function buildTextIndex(documents: readonly TextDocument[]): TextIndex {
  const termCounts: Map<string, number>[] = documents.map((d) => {
    const counts = new Map<string, number>();
    const add = (text: string, weight: number) => {
      for (const token of contentTokens(text)) counts.set(token, (counts.get(token) ?? 0) + weight);
    };
    add(d.name, 3);
    add(d.triggerText, 2);
    add(d.content, 1);
    return counts;
  });
  const df = new Map<string, number>();
  for (const counts of termCounts) for (const t of counts.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = documents.length;
  const idf = new Map<string, number>();
  for (const [t, d] of df) idf.set(t, Math.log((1 + n) / (1 + d)) + 1);
  const postings = new Map<string, { doc: number; tf: number }[]>();
  const norms = new Float64Array(n);
  termCounts.forEach((counts, doc) => {
    let norm = 0;
    for (const [t, count] of counts) {
      const w = (1 + Math.log(count)) * (idf.get(t) ?? 1);
      norm += w * w;
      const list = postings.get(t) ?? [];
      list.push({ doc, tf: w });
      postings.set(t, list);
    }
    norms[doc] = Math.sqrt(norm);
  });
  return { postings, idf, norms, size: n };
}

/**
 * Cosine per document index (only documents sharing a word appear, in the order first reached),
 * for a message's `contentTokens` (the caller has them already: past choices compare them too).
 * Dot products add up in an array, not a map: at 1,000 templates a message reaches ~300 of them
 * through a few thousand postings.
 */
export function matchText(index: TextIndex, tokens: readonly string[]): Map<number, number> {
  let queryNorm = 0;
  const dots = new Float64Array(index.size);
  const reached: number[] = [];
  for (const token of tokens) {
    const idf = index.idf.get(token);
    if (idf === undefined) {
      queryNorm += 1; // an unknown word still makes the message longer
      continue;
    }
    queryNorm += idf * idf;
    for (const { doc, tf } of index.postings.get(token) ?? []) {
      // idf ≥ 1 and tf > 0: a reached document's sum is never 0.
      if (dots[doc] === 0) reached.push(doc);
      dots[doc] = (dots[doc] ?? 0) + idf * tf;
    }
  }
  const q = Math.sqrt(queryNorm);
  const scores = new Map<number, number>();
  for (const doc of reached) {
    const dot = dots[doc] ?? 0;
    const d = index.norms[doc] ?? 0;
    scores.set(doc, q > 0 && d > 0 ? Math.min(1, dot / (q * d)) : 0);
  }
  return scores;
}
