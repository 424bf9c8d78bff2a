/**
 * Patterns: recurring topics over a period, all customer messages (answered or not) clustered the
 * same way as gaps, each topic counted per bucket and in the earlier vs the later half of the
 * period; growth flagged by trend.ts. A topic is "answered" when most of its messages got a
 * confident suggestion. Without a period (messages with no dates: a labelled or FAQ dataset) the
 * topics are the same clusters with their sizes, and no trend or series.
 */
import type { EmbeddingTable } from "@/server/training/model/embeddings";
import { type AnalysedMessage, DEFAULT_GAP_OPTIONS, detectGaps, type GapOptions } from "./gaps";
import { halves, type Trend, trendOf } from "./trend";

export interface Pattern {
  topic: string;
  keyPhrases: string[];
  size: number;
  /** Null without a period. */
  trend: Trend | null;
  /** Empty without a period. */
  series: { at: string; count: number }[];
  answered: boolean;
  examples: string[];
}

export function detectPatterns(
  messages: readonly AnalysedMessage[],
  period: { from: Date; to: Date } | null,
  options: GapOptions = DEFAULT_GAP_OPTIONS,
  embeddings?: EmbeddingTable,
  buckets = 8,
): Pattern[] {
  // Every message takes part: clustering "not confident" on a copy marked unconfident.
  const all = messages.map((m) => ({ ...m, confident: false }));
  const confident = new Map(messages.map((m) => [m.id, m.confident]));
  const byId = new Map(messages.map((m) => [m.id, m]));
  const { gaps: topics } = detectGaps(all, options, embeddings);
  return topics
    .map((topic) => {
      const members = topic.messageIds.map((id) => byId.get(id) as AnalysedMessage);
      const answeredCount = topic.messageIds.filter((id) => confident.get(id)).length;
      return {
        topic: topic.keyPhrases.slice(0, 2).join(", ") || (topic.examples[0]?.text ?? "topic"),
        keyPhrases: topic.keyPhrases,
        size: topic.size,
        ...(period ? overTime(members, period, buckets) : { trend: null, series: [] }),
        answered: answeredCount * 2 > topic.size,
        examples: topic.examples.map((e) => e.text),
      };
    })
    .sort((a, b) => b.size - a.size);
}

/** A topic's counts per bucket and its trend between the period's halves. */
function overTime(
  members: readonly AnalysedMessage[],
  period: { from: Date; to: Date },
  buckets: number,
): Pick<Pattern, "trend" | "series"> {
  const span = period.to.getTime() - period.from.getTime();
  const counts = new Array<number>(buckets).fill(0);
  for (const m of members) {
    if (!m.at) continue;
    const at = Math.floor(((m.at.getTime() - period.from.getTime()) / span) * buckets);
    if (at >= 0 && at < buckets) counts[at] = (counts[at] ?? 0) + 1;
  }
  const { previous, current } = halves(
    members.map((m) => m.at),
    period.from,
    period.to,
  );
  return {
    trend: trendOf(previous, current),
    series: counts.map((count, i) => ({
      at: new Date(period.from.getTime() + (span * i) / buckets).toISOString(),
      count,
    })),
  };
}
