import { z } from "zod";
import { TRIGGER_KINDS } from "@/server/templates/language/trigger-schema";
import { safeText } from "@/server/validation/text";

/** A message is what a customer writes; longer texts are documents, not messages. */
export const MAX_MESSAGE_LENGTH = 20_000;
export const MAX_SUGGESTIONS = 10;

// Text only (numbers as text, "49.90"): the renderer parses them by the variable's type, and a
// field that takes text or a number would hide a caller's mistake.
const contextValue = safeText({ max: 2_000, label: "A context value" }).nullable();
// Field names as placeholders use them: `customer.first_name` reads context.customer.first_name.
const contextObject = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "Use a placeholder-style name."),
    contextValue,
  )
  .refine((o) => Object.keys(o).length <= 50, "At most 50 fields per object.");

export const forMessageInput = z.object({
  message: safeText({
    max: MAX_MESSAGE_LENGTH,
    min: 1,
    multiline: true,
    visible: true,
    label: "The message",
  }),
  /**
   * The help desk's conversation id, kept with the suggestion for analytics and feedback. An
   * inbox conversation's id also pre-fills from its customer attributes and earlier messages.
   */
  conversationId: safeText({
    max: 200,
    min: 1,
    trim: true,
    label: "The conversation id",
  }).optional(),
  /** The conversation's earlier customer messages, oldest first: pre-filling reads them too. */
  history: z
    .array(safeText({ max: MAX_MESSAGE_LENGTH, multiline: true, label: "A message" }))
    .max(50)
    .optional(),
  /** What the caller knows: customer, order and agent fields fill placeholders first. */
  context: z
    .object({
      customer: contextObject.optional(),
      order: contextObject.optional(),
      agent: contextObject.optional(),
    })
    .strict()
    .optional(),
  limit: z.number().int().min(1).max(MAX_SUGGESTIONS).default(3),
});

const firedTrigger = z.object({
  kind: z.enum(TRIGGER_KINDS),
  value: z.string(),
  weight: z.number(),
});

const probability = z.number().min(0).max(1);

export const suggestionOutput = z.object({
  rank: z.number().int().min(1),
  templateId: z.uuid(),
  name: z.string(),
  /** Calibrated: the model's temperature-scaled probability, combined by noisy-OR with the other signals. */
  confidence: probability,
  /** Below the deployed model's threshold (or 0.5 before training): shown only as a weak candidate. */
  lowConfidence: z.boolean(),
  reasons: z.object({
    triggers: z.array(firedTrigger),
    modelProbability: probability.nullable(),
    textMatch: probability,
    pastChoices: probability,
    /** Set when the workspace re-ranks with AI (Settings → AI): the re-ranker's score. */
    aiScore: probability.nullable().optional(),
  }),
  preview: z.string(),
  values: z.record(z.string(), z.string()),
  valueSources: z.record(z.string(), z.enum(["context", "conversation"])),
  missing: z.array(z.string()),
  invalid: z.array(z.object({ name: z.string(), message: z.string() })),
});

export const forMessageOutput = z.object({
  /** Pass to suggestions.feedback with the template the agent used. */
  suggestionId: z.uuid(),
  confident: z.boolean(),
  /** True when nothing cleared the threshold: say "no confident suggestion", not the first candidate. */
  noConfidentSuggestion: z.boolean(),
  /**
   * Why not (null when confident): "no_candidates" (nothing to suggest), "unfamiliar_words" (the
   * message is mostly words the model was never trained on), "out_of_scope" (the model recognised
   * it as a message no template answers), "below_threshold" (the best candidate is too weak).
   */
  noConfidentReason: z
    .enum(["no_candidates", "unfamiliar_words", "out_of_scope", "below_threshold"])
    .nullable(),
  /** Share of the message's word weight (idf) the deployed model was trained on; 1 without one. */
  knownWordShare: probability,
  /**
   * With `unfamiliar_words`: up to 10 of the message's words no training example used
   * (normalised: lower case, contractions expanded), topic words first, each group in the order
   * they come; else empty.
   */
  unfamiliarWords: z.array(z.string()).max(10), // MAX_UNFAMILIAR_WORDS (model-signals.ts)
  threshold: probability,
  model: z.object({ version: z.number().int() }).nullable(),
  sentiment: z.object({
    label: z.enum(["positive", "neutral", "negative"]),
    compound: z.number().min(-1).max(1),
  }),
  extracted: z.object({
    orderNumber: z.string().optional(),
    email: z.string().optional(),
    date: z.string().optional(),
    amount: z.string().optional(),
    currency: z.string().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    name: z.string().optional(),
  }),
  suggestions: z.array(suggestionOutput),
  warnings: z.array(z.string()),
});

export const feedbackInput = z.object({
  suggestionId: z.uuid(),
  /** The template the agent used (suggested or not); null: none of them. */
  chosenTemplateId: z.uuid().nullable(),
});
