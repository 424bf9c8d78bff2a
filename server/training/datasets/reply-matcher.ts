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
 * A reply is used when its best template scores at least DEFAULT_REPLY_THRESHOLD and leads the
 * runner-up by DEFAULT_REPLY_MARGIN. Measured on all 4,514 Bitext replies vs the demo templates,
 * idf from templates + every 20th reply (bench/reply-matching.ts): this rule kept 9.2% of
 * replies at 94.0% precision; score ≥ 0.25 alone 10.8% at 86.8%; lead ≥ 0.06 alone 19.4% at
 * 88.2%; score ≥ 0.2 with lead ≥ 0.06 15.9% at 89.7%. The best template with no rule is right
 * 55.6% of the time. Word-only or char-only features did worse. Precision is preferred to
 * yield: a wrong example teaches the model the wrong template.
 */
export const DEFAULT_REPLY_THRESHOLD = 0.25;
export const DEFAULT_REPLY_MARGIN = 0.06;

export interface MatchTemplate {
  id: string;
  content: string;
}

export interface ReplyMatch {
  templateId: string;
  score: number;
  /** Score minus the runner-up's: how clearly this template wins (1 when it is the only one). */
  margin: number;
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
  /** The best template when it scores ≥ threshold and leads by ≥ minMargin, else null. */
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
    minMargin?: number;
    idfTexts?: readonly string[];
    /** Featuriser settings over the model's defaults (word vectors stay off). */
    featurizer?: Partial<FeaturizerConfig>;
  } = {},
): ReplyMatcher {
  const threshold = options.threshold ?? DEFAULT_REPLY_THRESHOLD;
  const minMargin = options.minMargin ?? DEFAULT_REPLY_MARGIN;
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
    let top = -1;
    let topScore = Number.NEGATIVE_INFINITY;
    let second = Number.NEGATIVE_INFINITY;
    vectors.forEach((v, i) => {
      if (v.norm === 0) return;
      const score = dot(row, v.row) / (length * v.norm);
      if (score > topScore) {
        second = topScore;
        topScore = score;
        top = i;
      } else if (score > second) second = score;
    });
    if (top === -1) return null;
    const margin = Number.isFinite(second) ? topScore - second : 1;
    return { templateId: templates[top]?.id ?? "", score: topScore, margin };
  };
  return {
    best,
    match(reply) {
      const found = best(reply);
      return found && found.score >= threshold && found.margin >= minMargin ? found : null;
    },
  };
}
