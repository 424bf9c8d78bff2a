import vader from "vader-sentiment";

export type SentimentLabel = "positive" | "neutral" | "negative";

export interface Sentiment {
  label: SentimentLabel;
  /** VADER's normalised compound score, −1 (most negative) to +1. */
  compound: number;
}

/**
 * VADER's own published cut-offs (Hutto & Gilbert 2014, and the reference implementation's
 * README): compound ≥ 0.05 is positive, ≤ −0.05 negative, between them neutral.
 */
export const SENTIMENT_CUTOFF = 0.05;

/** Texts past this are cut: VADER is linear in length and a message's tone shows early. */
const MAX_SENTIMENT_TEXT = 2_000;

/**
 * The customer's tone, for sentiment triggers (`{kind: "sentiment", value: "negative"}`).
 * VADER is a lexicon and rules — microseconds per message — so it runs in the request thread.
 */
export function analyseSentiment(text: string): Sentiment {
  const { compound } = vader.SentimentIntensityAnalyzer.polarity_scores(
    text.slice(0, MAX_SENTIMENT_TEXT),
  );
  const label: SentimentLabel =
    compound >= SENTIMENT_CUTOFF
      ? "positive"
      : compound <= -SENTIMENT_CUTOFF
        ? "negative"
        : "neutral";
  return { label, compound };
}
