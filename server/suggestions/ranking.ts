/**
 * One ranking from several signals. Each signal is turned into a probability-like confidence
 * that the template is the right reply, and the confidences are combined by noisy-OR:
 *
 *   confidence = 1 − (1 − model) · (1 − triggers) · (1 − text) · (1 − past choices)
 *
 * Noisy-OR because the signals are independent pieces of evidence for the same claim: any one of
 * them can carry a suggestion on its own (a trigger before any training, a past choice for a
 * message seen before), agreeing signals reinforce each other, and none can lower another. The
 * model's part is its calibrated probability (temperature fitted on held-out training rows), so
 * with the model as the only signal the confidence is exactly that calibrated probability and
 * the deployed threshold means what it meant on held-out rows. The other signals' reliabilities
 * below are fixed, stated here and tested (ranking.test.ts):
 *
 * - TRIGGER_RELIABILITY 0.75 per unit of trigger weight: an author wrote the trigger for this
 *   template, so one match (weight 1) clears the untrained threshold (0.5) on its own and beats a
 *   model guess below 0.75; two matches give 0.94. A strong model prediction (≥ 0.75) still beats
 *   a single weak trigger, which is what a trained model is for.
 *   For a template the deployed model was not trained on (no probability: written or mapped
 *   after the last training), the triggers are all the evidence there is, as before any
 *   training, so a match is worth the deployed threshold when that is higher
 *   (`triggerReliability`): one full-weight match alone is confident, and outranks every guess
 *   the answer marks as low confidence. Without that, such a template could never be confident
 *   on its triggers once a threshold above 0.75 was deployed (the demo's "Where is my order
 *   A12345?": Change an order, model 0.847 under its threshold 0.852, above the untrained Order
 *   Status Inquiry, whose "where is my order" phrase fired). For a template the model knows, its
 *   calibrated probability is the evidence measured on the workspace's own rows, and the trigger
 *   stays 0.75 beside it: bench/trigger-reliability.ts (the demo's templates and triggers,
 *   held-out rows of its Bitext data, seeds 7 / 11 / 23, 60 examples per label or 80%, three
 *   labels left out of training), 2026-12-07, raising every trigger to the threshold gave the
 *   left-out templates top-1 0.154 → 0.212, 0.198 → 0.364, 0.139 → 0.167, 0.066 → 0.157 in the
 *   four splits whose threshold was above 0.75 with no more confident wrong answers, but for the
 *   trained templates −1 / +3 rows of top-1 and +1 confident wrong answer in two splits, and on
 *   realistic demo messages made a one-word trigger confident against the model ("… hasn't
 *   arrived … where my package is": Delivery times on "arrive"). So only the untrained
 *   templates get it; the bench's figures for this rule are in README.md.
 *   An intent trigger is different: it restates the model's first guess (intent-names.ts), so
 *   its evidence is that guess's calibrated probability, not an author's word
 *   (`RankingBasis.intentProbability`, 1 − (1 − p)^weight for `TemplateSignals.intentWeight`),
 *   and it joins the model's part as the larger of the two rather than by noisy-OR: a trigger
 *   on the very template the model guessed would otherwise count the model twice, and one on a
 *   template the model was not trained on would turn a guess the answer marks as low
 *   confidence (it fires from 0.4) into a confident suggestion. Routed by an intent trigger, a
 *   template is as confident as the model is of the intent.
 * - TEXT_RELIABILITY: words of the message that appear in a template's name, triggers and text
 *   (TF-IDF cosine, 0–1). Worth 0.5 before training (the only signal besides triggers, and it
 *   never makes a suggestion confident on its own: 0.5 needs a cosine of 1), 0.1 once a model is
 *   deployed: the model has learnt the words that matter from real messages, and word overlap
 *   with the template's own text is then a tie-breaker, not evidence. Measured through
 *   `bench suggest` on held-out 20% of BANKING77's train.csv (two stratified splits) and 30% of a
 *   Bitext sample, 2026-12-06: 0 / 0.03 / 0.1 / 0.2 / 0.3 give top-1 0.9134 / 0.9134 / 0.9144 /
 *   0.9149 / 0.9159 and top-3 0.9760 / 0.9735 / 0.9730 / 0.9725 / 0.9700 on one split, the same
 *   trend on the other (top-3 0.9750 → 0.9640), Bitext level (0.9950). Every top-1 step is
 *   inside a split's standard error (≈ 0.6 points) while top-3 falls, so it stays small.
 * - PAST_CHOICE_RELIABILITY 0.8 × the share of agents' choices for similar messages (token
 *   Jaccard ≥ 0.5, or the same text) that went to this template, shrunk by one pseudo-choice:
 *   one identical past choice gives 0.8 · 1/2 = 0.4, three give 0.6. Agents' picks are the
 *   ground truth the model is retrained on; until then they count directly.
 *
 * A message made mostly of words the model never saw (server/training/model/known-words.ts:
 * `RankingBasis.knownWordShare` under MIN_KNOWN_WORD_SHARE) discounts the model's part by known
 * share ÷ MIN_KNOWN_WORD_SHARE: its order among the model's candidates stays, its confidence
 * shrinks with how little of the message the model knows, and only the other signals can make a
 * template confident (`isConfident`).
 */
import { MIN_KNOWN_WORD_SHARE } from "@/server/training/model/known-words";

export const TRIGGER_RELIABILITY = 0.75;
export const TEXT_RELIABILITY_UNTRAINED = 0.5;
export const TEXT_RELIABILITY_WITH_MODEL = 0.1;
export const PAST_CHOICE_RELIABILITY = 0.8;
/** "No confident suggestion" below this when no model is deployed (with one: its threshold). */
export const UNTRAINED_THRESHOLD = 0.5;

export interface TemplateSignals {
  templateId: string;
  /** Calibrated model probability; null when no model is deployed or it does not know the template. */
  modelProbability: number | null;
  /** Sum of the weights of the keyword, phrase, regex and sentiment triggers that fired. */
  triggerWeight: number;
  /** Sum of the weights of the intent triggers that fired; 0 or absent when none did. */
  intentWeight?: number;
  /** TF-IDF cosine of message and template, 0–1. */
  textMatch: number;
  /** Share of similar past choices that picked this template, already shrunk, 0–1. */
  pastChoices: number;
}

/** What the ranking needs to know besides the signals. */
export interface RankingBasis {
  /** A model is deployed: text overlap is then a tie-breaker (TEXT_RELIABILITY_WITH_MODEL). */
  modelDeployed: boolean;
  /** The deployed model's threshold, UNTRAINED_THRESHOLD without one. */
  threshold: number;
  /**
   * Share of the message's word idf mass the model knows (known-words.ts); 1 by default. Below
   * MIN_KNOWN_WORD_SHARE the message is unfamiliar (`isUnfamiliar`).
   */
  knownWordShare?: number;
  /** The model's probability of its first guess, what an intent trigger restates; 0 by default. */
  intentProbability?: number;
}

/** Mostly words the model never saw: only the other signals may make a template confident. */
export function isUnfamiliar(basis: Pick<RankingBasis, "knownWordShare">): boolean {
  return (basis.knownWordShare ?? 1) < MIN_KNOWN_WORD_SHARE;
}

/** What the model's part is scaled by: known share ÷ MIN_KNOWN_WORD_SHARE when unfamiliar. */
function modelWeight(basis: RankingBasis): number {
  return isUnfamiliar(basis) ? (basis.knownWordShare ?? 1) / MIN_KNOWN_WORD_SHARE : 1;
}

export const UNTRAINED_BASIS: RankingBasis = {
  modelDeployed: false,
  threshold: UNTRAINED_THRESHOLD,
};

/**
 * One full-weight trigger match's confidence: 0.75; for a template the deployed model does not
 * know (no probability), the threshold when that is higher (before training it is 0.5).
 */
export function triggerReliability(
  signals: Pick<TemplateSignals, "modelProbability">,
  basis: RankingBasis,
): number {
  return signals.modelProbability === null
    ? Math.max(TRIGGER_RELIABILITY, Math.min(1, basis.threshold))
    : TRIGGER_RELIABILITY;
}

/**
 * The confidence clears the threshold. With a trigger worth exactly the threshold, noisy-OR's
 * 1 − (1 − t) can come out one rounding step under t; such a trigger is meant to clear it.
 */
export function meetsThreshold(confidence: number, threshold: number): boolean {
  return confidence >= threshold - 1e-9;
}

export interface Ranked extends TemplateSignals {
  confidence: number;
  /** It may be offered as a confident suggestion (`isConfident`); else it is a weak candidate. */
  confident: boolean;
  /** Each signal's own confidence, for the reasons shown to agents. */
  parts: { model: number; triggers: number; text: number; pastChoices: number };
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

export function combineSignals(signals: TemplateSignals, basis: RankingBasis): Ranked {
  const parts = partsOf(signals, basis);
  const confidence = confidenceOf(parts);
  return rankedOf(signals, confidence, isConfident({ confidence, parts }, basis), parts);
}

/**
 * A Ranked record, written out field by field. Why not `{ ...signals, confidence, … }`: on
 * Node 20 a spread followed by more properties costs 1.7–5.5 µs an object (a literal: under
 * 0.1 µs; bench/hot-path-objects.ts), and rankTemplates makes ≈ 10 of these per request (26
 * signals on average for BANKING77): 42–52 µs a request with them, 1.7–3.4 µs without.
 */
function rankedOf(
  s: TemplateSignals,
  confidence: number,
  confident: boolean,
  parts: Ranked["parts"],
): Ranked {
  return {
    templateId: s.templateId,
    modelProbability: s.modelProbability,
    triggerWeight: s.triggerWeight,
    intentWeight: s.intentWeight ?? 0,
    textMatch: s.textMatch,
    pastChoices: s.pastChoices,
    confidence,
    confident,
    parts,
  };
}

function partsOf(signals: TemplateSignals, basis: RankingBasis): Ranked["parts"] {
  return {
    model:
      clamp01(Math.max(signals.modelProbability ?? 0, intentEvidence(signals, basis))) *
      clamp01(modelWeight(basis)),
    triggers: 1 - (1 - triggerReliability(signals, basis)) ** Math.max(0, signals.triggerWeight),
    text:
      (basis.modelDeployed ? TEXT_RELIABILITY_WITH_MODEL : TEXT_RELIABILITY_UNTRAINED) *
      clamp01(signals.textMatch),
    pastChoices: PAST_CHOICE_RELIABILITY * clamp01(signals.pastChoices),
  };
}

/** What the intent triggers that fired on a template are worth: 1 − (1 − p)^weight. */
function intentEvidence(signals: TemplateSignals, basis: RankingBasis): number {
  const weight = Math.max(0, signals.intentWeight ?? 0);
  return weight > 0 ? 1 - (1 - clamp01(basis.intentProbability ?? 0)) ** weight : 0;
}

/**
 * Whether a ranked template may be offered as a confident suggestion: its confidence clears the
 * threshold and, for a message made mostly of words the model never saw (`isUnfamiliar`), so does
 * what the other signals give it without the model's part. The answer's `confident` (its first
 * template) and each suggestion's `lowConfidence` are both this, and a confident template ranks
 * above every weak one (compareRanked), so an answer that says "no confident suggestion" never
 * lists a suggestion that is not marked as weak. On a familiar message this is the confidence
 * order itself; on an unfamiliar one a template a trigger carries goes before the model's
 * discounted guesses, which keep their order behind it.
 */
export function isConfident(
  ranked: Pick<Ranked, "confidence" | "parts">,
  basis: Pick<RankingBasis, "threshold" | "knownWordShare">,
): boolean {
  return (
    meetsThreshold(ranked.confidence, basis.threshold) &&
    (!isUnfamiliar(basis) || meetsThreshold(confidenceWithoutModel(ranked.parts), basis.threshold))
  );
}

/** The confidence the signals other than the model give on their own. */
export function confidenceWithoutModel(parts: Ranked["parts"]): number {
  return confidenceOf({ ...parts, model: 0 });
}

function confidenceOf(parts: Ranked["parts"]): number {
  return clamp01(
    1 - (1 - parts.model) * (1 - parts.triggers) * (1 - parts.text) * (1 - parts.pastChoices),
  );
}

type Rankable = Pick<
  Ranked,
  "confident" | "confidence" | "modelProbability" | "textMatch" | "templateId"
>;

/**
 * Best first: confident before weak (`isConfident`), then by confidence; ties go to the higher
 * model probability, then the stronger text match, then the id, so the order is stable between
 * identical requests.
 */
export function compareRanked(a: Rankable, b: Rankable): number {
  return (
    Number(b.confident) - Number(a.confident) ||
    b.confidence - a.confidence ||
    (b.modelProbability ?? 0) - (a.modelProbability ?? 0) ||
    b.textMatch - a.textMatch ||
    (a.templateId < b.templateId ? -1 : 1)
  );
}

/**
 * Some signal speaks for the template. A model probability counts even when an unfamiliar message
 * weighted the model's part down to 0: the candidates then keep the model's order, at confidence 0.
 */
const hasEvidence = (r: Pick<Ranked, "confidence" | "modelProbability">) =>
  r.confidence > 0 || (r.modelProbability ?? 0) > 0;

/**
 * The templates with some confidence, best first (compareRanked); with `limit`, only the first
 * `limit` of that order. A request keeps three of up to every active template (1,000 measured):
 * scoring each without copying it and copying only those that make the cut cost 5 ms less per
 * 1,000 templates than combining and sorting them all (object spreads dominated).
 */
export function rankTemplates(
  signals: readonly TemplateSignals[],
  basis: RankingBasis,
  limit = Number.POSITIVE_INFINITY,
): Ranked[] {
  if (limit >= signals.length) {
    return signals
      .map((s) => combineSignals(s, basis))
      .filter(hasEvidence)
      .sort(compareRanked);
  }
  const best: Ranked[] = [];
  // One scratch record for the candidate: a signal is copied only once it is among the best.
  const candidate: Rankable = {
    confident: false,
    confidence: 0,
    modelProbability: null,
    textMatch: 0,
    templateId: "",
  };
  for (const s of signals) {
    const parts = partsOf(s, basis);
    const confidence = confidenceOf(parts);
    if (!hasEvidence({ confidence, modelProbability: s.modelProbability })) continue;
    const confident = isConfident({ confidence, parts }, basis);
    candidate.confident = confident;
    candidate.confidence = confidence;
    candidate.modelProbability = s.modelProbability;
    candidate.textMatch = s.textMatch;
    candidate.templateId = s.templateId;
    const last = best[best.length - 1];
    if (best.length >= limit && last && compareRanked(candidate, last) >= 0) continue;
    let i = best.length;
    while (i > 0 && compareRanked(candidate, best[i - 1] as Ranked) < 0) i--;
    best.splice(i, 0, rankedOf(s, confidence, confident, parts));
    if (best.length > limit) best.pop();
  }
  return best;
}

/**
 * Past choices for similar messages → a 0–1 share per template: Σ similarity of the choices that
 * went to the template ÷ (Σ over all similar choices + 1). The +1 is one imaginary choice for
 * "none of them", so one lucky pick is not certainty.
 */
export function pastChoiceShares(
  similar: readonly { templateId: string; similarity: number }[],
): Map<string, number> {
  const sums = new Map<string, number>();
  let total = 0;
  for (const { templateId, similarity } of similar) {
    sums.set(templateId, (sums.get(templateId) ?? 0) + similarity);
    total += similarity;
  }
  const shares = new Map<string, number>();
  for (const [templateId, sum] of sums) shares.set(templateId, sum / (total + 1));
  return shares;
}

/** Why an answer is not confident, for the agent and the API (null: it is confident). */
export type NoConfidentReason =
  | "no_candidates"
  | "unfamiliar_words"
  | "out_of_scope"
  | "below_threshold";

/**
 * The most telling reason first: nothing to suggest; the message is mostly words the model never
 * saw (its part was discounted, known-words.ts); the model recognised it as out of scope (its
 * best label is the training data's out-of-scope label); else the best candidate is simply below
 * the threshold.
 */
export function noConfidentReason(answer: {
  confident: boolean;
  candidates: number;
  unfamiliar: boolean;
  predictedOutOfScope: boolean;
}): NoConfidentReason | null {
  if (answer.confident) return null;
  if (answer.candidates === 0) return "no_candidates";
  if (answer.unfamiliar) return "unfamiliar_words";
  if (answer.predictedOutOfScope) return "out_of_scope";
  return "below_threshold";
}
