/**
 * Knowledge gaps: customer messages the model answered with no confident suggestion, clustered.
 *
 * Method (chosen on held-out label sets of BANKING77 train.csv, see bench/gaps-tune.ts and
 * README.md): TF-IDF vectors fitted on the not-confident messages themselves (vectors.ts), clustered
 * by cluster.ts (average-linkage agglomerative with a similarity threshold on a sample + assignment
 * of the rest; spherical k-means with silhouette-chosen k measured as the alternative); a cluster
 * becomes a gap when it is big enough and cohesive enough. Each gap has its messages, the
 * examples closest to its centre, key phrases, a severity (share of all messages × mean failure,
 * failure = 1 − top probability), a trend over the analysed period and a suggested action.
 */
import type { EmbeddingTable } from "@/server/training/model/embeddings";
import { type ClusterOptions, clusterTopics } from "./cluster";
import { documentFrequencies, keyPhrases, phraseTermsOfTokens } from "./key-phrases";
import { DEFAULT_KMEANS } from "./kmeans";
import { halves, type Trend, trendOf } from "./trend";
import {
  type ClusterVectorConfig,
  clusterVectors,
  DEFAULT_CLUSTER_VECTORS,
  textTokens,
} from "./vectors";

export interface AnalysedMessage {
  id: string;
  text: string;
  confident: boolean;
  topProbability: number;
  /** The model's best label (null when it has none). */
  topLabel: string | null;
  at: Date | null;
  /**
   * Optional: `textTokens(text)` (vectors.ts), e.g. from predictBatch's `tokens: true`, so the text
   * is not normalised and tokenised again. Must be exactly those tokens when given.
   */
  tokens?: readonly string[];
}

export interface GapOptions {
  vectors: ClusterVectorConfig;
  cluster: Omit<ClusterOptions, "kCandidates" | "minSize">;
  /** Largest k tried by the k-means method. */
  maxK: number;
  minGapSize: number;
  /** Mean cosine to the centre below this: a grab-bag, not a topic. */
  minCohesion: number;
  examples: number;
  /** Share of a gap's messages whose best (unconfident) label is the same → "add examples to X". */
  addExamplesShare: number;
}

export const DEFAULT_GAP_OPTIONS: GapOptions = {
  vectors: DEFAULT_CLUSTER_VECTORS,
  // Chosen on two held-out label sets of train.csv (bench/gaps-tune.ts, README.md): threshold 0.15,
  // 4 messages at least, no word-vector block (it lost 1–3 labels on both sets).
  cluster: {
    method: "agglomerative",
    threshold: 0.15,
    assignThreshold: 0.35,
    sampleSize: 2_500,
    seed: 7,
    kmeans: DEFAULT_KMEANS,
  },
  maxK: 60,
  minGapSize: 4,
  minCohesion: 0.15,
  examples: 5,
  addExamplesShare: 0.6,
};

export type SuggestedAction = { kind: "create_template" } | { kind: "add_examples"; label: string };

export interface Gap {
  messageIds: string[];
  size: number;
  examples: { id: string; text: string; similarity: number }[];
  keyPhrases: string[];
  cohesion: number;
  failureRate: number;
  severity: number;
  trend: Trend | null;
  suggestedAction: SuggestedAction;
}

export interface GapDetection {
  total: number;
  unconfident: number;
  k: number;
  kScores: { k: number; silhouette: number }[];
  gaps: Gap[];
}

export function kCandidates(n: number, options: GapOptions): number[] {
  const max = Math.min(options.maxK, Math.floor(n / options.minGapSize));
  const grid = [2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 100];
  const chosen = grid.filter((k) => k <= max);
  return chosen.length > 0 ? chosen : n >= 2 ? [Math.min(2, n)] : [];
}

function actionFor(members: AnalysedMessage[], share: number): SuggestedAction {
  const counts = new Map<string, number>();
  for (const m of members)
    if (m.topLabel) counts.set(m.topLabel, (counts.get(m.topLabel) ?? 0) + 1);
  let best: [string, number] | null = null;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best && best[1] >= share * members.length
    ? { kind: "add_examples", label: best[0] }
    : { kind: "create_template" };
}

export function detectGaps(
  messages: readonly AnalysedMessage[],
  options: GapOptions = DEFAULT_GAP_OPTIONS,
  embeddings?: EmbeddingTable,
  period?: { from: Date; to: Date },
): GapDetection {
  const unconfident = messages.filter((m) => !m.confident && m.text.trim().length > 0);
  const empty = {
    total: messages.length,
    unconfident: unconfident.length,
    k: 0,
    kScores: [],
    gaps: [],
  };
  if (unconfident.length < Math.max(2, options.minGapSize)) return empty;
  const texts = unconfident.map((m) => m.text);
  const tokens = unconfident.map((m) => m.tokens ?? textTokens(m.text));
  const vectors = clusterVectors(texts, options.vectors, embeddings, tokens);
  const candidates = kCandidates(unconfident.length, options);
  const { topics, scores } = clusterTopics(vectors.rows, vectors.dimension, {
    ...options.cluster,
    kCandidates: candidates,
    minSize: options.minGapSize,
  });
  const termSets = tokens.map(phraseTermsOfTokens);
  const corpusDf = documentFrequencies(termSets);
  const gaps: Gap[] = [];
  for (const topic of topics) {
    const group = topic.members;
    const { cohesion } = topic;
    if (group.length < options.minGapSize || cohesion < options.minCohesion) continue;
    const members = group.map((r) => unconfident[r] as AnalysedMessage);
    const failureRate = members.reduce((s, m) => s + (1 - m.topProbability), 0) / members.length;
    const closeness = new Map(group.map((r, i) => [r, topic.similarities[i] ?? 0]));
    const byCloseness = [...group].sort(
      (a, b) => (closeness.get(b) ?? 0) - (closeness.get(a) ?? 0),
    );
    const trend = period
      ? (() => {
          const { previous, current } = halves(
            members.map((m) => m.at),
            period.from,
            period.to,
          );
          return trendOf(previous, current);
        })()
      : null;
    gaps.push({
      messageIds: members.map((m) => m.id),
      size: group.length,
      examples: byCloseness.slice(0, options.examples).map((r) => ({
        id: (unconfident[r] as AnalysedMessage).id,
        text: (unconfident[r] as AnalysedMessage).text,
        similarity: Math.round((closeness.get(r) ?? 0) * 1000) / 1000,
      })),
      keyPhrases: keyPhrases(
        group.map((r) => termSets[r] as Set<string>),
        corpusDf,
        texts.length,
      ),
      cohesion: Math.round(cohesion * 1000) / 1000,
      failureRate: Math.round(failureRate * 1000) / 1000,
      severity:
        Math.round((group.length / Math.max(1, messages.length)) * failureRate * 100_000) / 1000,
      trend,
      suggestedAction: actionFor(members, options.addExamplesShare),
    });
  }
  gaps.sort((a, b) => b.severity - a.severity);
  return { ...empty, k: topics.length, kScores: scores, gaps };
}
