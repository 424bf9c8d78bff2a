/**
 * Which template an agent's reply was: TF-IDF cosine similarity between the reply and each
 * template's rendered content (placeholders dropped, optional fallbacks kept), featurised with
 * the model's own TF-IDF (server/training/model/featurize.ts, word 1–2-grams + char 2–5-grams,
 * no word vectors). A reply whose best score is under the threshold yields no example: an
 * agent who wrote something of their own is not evidence for any template.
 */
import {
  DEFAULT_FEATURIZER,
  type Featurizer,
  type FeaturizerConfig,
  fitFeaturizer,
} from "@/server/training/model/featurize";
import type { SparseRow } from "@/server/training/model/sparse";

/**
 * Chosen on Bitext replies vs the demo templates with idf learnt from templates + a sample of
 * every 20th reply (bench/reply-matching.ts, all 4,514 replies): 0.25 kept 10.8% of replies at
 * 86.8% precision; 0.2 kept 26.8% at 77.4%; 0.3 kept 5.4% at 95.5%; the best template alone
 * (no threshold) is right 55.6% of the time. Word-only or char-only features did worse.
 */
export const DEFAULT_REPLY_THRESHOLD = 0.25;

export interface MatchTemplate {
  id: string;
  content: string;
}

export interface ReplyMatch {
  templateId: string;
  score: number;
}

/** Template text as an agent would have sent it: "{name|fallback}" → fallback, "{name}" → "". */
export function renderForMatching(content: string): string {
  return content
    .replace(/\{\{[^{}]*\}\}/g, " ")
    .replace(/\{[^{}|]*\|([^{}]*)\}/g, "$1")
    .replace(/\{[^{}]*\}/g, " ");
}

function dot(a: SparseRow, b: SparseRow): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const ai = a.indices[i] as number;
    const bj = b.indices[j] as number;
    if (ai === bj) sum += (a.values[i] as number) * (b.values[j++] as number);
    if (ai <= bj) i += 1;
    else j += 1;
  }
  return sum;
}

const norm = (row: SparseRow) => Math.sqrt(dot(row, row));

export interface ReplyMatcher {
  /** The best template and its cosine score, whatever the threshold. */
  best(reply: string): ReplyMatch | null;
  /** The best template when its score reaches the threshold, else null. */
  match(reply: string): ReplyMatch | null;
}

/**
 * `idfTexts` (for instance a sample of the replies being matched) lets idf learn which words
 * are common in replies; by default it is learnt from the templates alone.
 */
export function makeReplyMatcher(
  templates: readonly MatchTemplate[],
  options: {
    threshold?: number;
    idfTexts?: readonly string[];
    /** Featuriser settings over the model's defaults (word vectors stay off). */
    featurizer?: Partial<FeaturizerConfig>;
  } = {},
): ReplyMatcher {
  const threshold = options.threshold ?? DEFAULT_REPLY_THRESHOLD;
  const rendered = templates.map((t) => renderForMatching(t.content));
  const featurizer: Featurizer = fitFeaturizer(
    [...rendered, ...(options.idfTexts ?? []).map(renderForMatching)],
    {
      ...DEFAULT_FEATURIZER,
      ...options.featurizer,
      embeddingWeight: 0,
    },
  );
  const vectors = rendered.map((text) => {
    const row = featurizer.transform(text);
    return { row, norm: norm(row) };
  });
  const best = (reply: string): ReplyMatch | null => {
    const row = featurizer.transform(renderForMatching(reply));
    const length = norm(row);
    if (length === 0) return null;
    let top: ReplyMatch | null = null;
    vectors.forEach((v, i) => {
      if (v.norm === 0) return;
      const score = dot(row, v.row) / (length * v.norm);
      if (!top || score > top.score) top = { templateId: templates[i]?.id ?? "", score };
    });
    return top;
  };
  return {
    best,
    match(reply) {
      const found = best(reply);
      return found && found.score >= threshold ? found : null;
    },
  };
}
