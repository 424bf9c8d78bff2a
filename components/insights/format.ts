/**
 * How the insights pages name and print the analysis' numbers. Each label says what the number
 * is (server/analysis/*), not what it might be taken for: a gap's "failure rate" is the mean
 * model uncertainty (1 − top probability) of its messages, not a share of unanswered messages.
 */
export const pct = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? "—" : `${(v * 100).toFixed(digits)}%`;

export const num = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? "—" : v.toFixed(digits);

/**
 * An insight's impact (0–100, stored to 0.1) as printed: whole numbers from 10, one decimal
 * below, so the small impacts of a large analysis (8 confusions in 4,514 messages: 0.2) do not
 * all print as 0.
 */
export const impactText = (impact: number) =>
  `${impact >= 10 ? Math.round(impact) : (Math.round(impact * 10) / 10).toFixed(1)}/100`;

/** Width of the impact bar: its share of 100, at least a sliver when the impact is not 0. */
export const impactBarPercent = (impact: number) =>
  impact <= 0 ? 0 : Math.min(100, Math.max(1, impact));

export type TrendDirection = "new" | "growing" | "stable" | "shrinking";

export type TrendView = {
  previous: number;
  current: number;
  ratio: number | null;
  direction: TrendDirection;
};

export const trendTone = {
  new: "warning",
  growing: "danger",
  stable: "neutral",
  shrinking: "success",
} as const;

export function trendText(trend: TrendView | null | undefined): string {
  if (!trend) return "no dates";
  const change =
    trend.ratio === null ? `${trend.previous} → ${trend.current}` : `×${trend.ratio.toFixed(2)}`;
  return `${trend.direction} (${change})`;
}

/** Explanations shown next to the figures (title attributes and legends). */
export const EXPLAIN = {
  severity:
    "Share of all analysed messages in this gap × their mean model uncertainty × 100: big gaps the model is unsure about rank first.",
  uncertainty:
    "Mean of (1 − the model's top probability) over the gap's messages: how unsure the deployed model was, not a share of unanswered messages.",
  cohesion:
    "Mean cosine similarity of the messages to the gap's centre (0–1): higher means one clear topic.",
  trend:
    "Messages in the earlier vs the later half of the analysed period. Growing: at least 1.5× and 3 more.",
  accuracy:
    "How often the deployed model's top suggestion was the template the agent actually used, over messages where the agent used one.",
  unconfident:
    "Messages for which the deployed model had no suggestion above its confidence threshold.",
  impact: "0–100: how much fixing it would help, computed from the figures listed as its basis.",
} as const;

export const sourceLabel = (run: {
  source: string;
  datasetName?: string | null;
  periodFrom?: string | Date | null;
  periodTo?: string | Date | null;
}) => {
  if (run.source === "dataset") return run.datasetName ? `Dataset “${run.datasetName}”` : "Dataset";
  const day = (d: string | Date | null | undefined, shift = 0) =>
    d ? new Date(new Date(d).getTime() + shift).toISOString().slice(0, 10) : "…";
  // The stored end is exclusive (midnight after the last day): show the last day analysed.
  return `Inbox ${day(run.periodFrom)} – ${day(run.periodTo, -1)}`;
};
