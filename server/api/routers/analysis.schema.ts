import { z } from "zod";
import { safeText } from "@/server/validation/text";

/**
 * Inputs and outputs of the conversation-analysis router (issue #15) and of `training.analyze`.
 * Dates of a period are whole UTC days (`YYYY-MM-DD`), both ends included, at most a year.
 */
const MAX_DAYS = 366;
const day = z.iso.date();
const daySpan = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
const periodProblem = (from?: string, to?: string) =>
  Boolean(from) !== Boolean(to) ||
  (from !== undefined && to !== undefined && (from > to || daySpan(from, to) > MAX_DAYS));
const periodMessage = `Give both from and to, from not after to, and at most ${MAX_DAYS} days`;

export const ANALYSIS_SOURCES = ["dataset", "inbox"] as const;
export const RUN_STATUSES = ["running", "done", "failed"] as const;
export const GAP_STATUSES = ["open", "resolved", "dismissed"] as const;
export const INSIGHT_KINDS = [
  "confused_templates",
  "growing_unanswered_topic",
  "growing_topic",
  "knowledge_gap",
  "weak_template",
  "low_accuracy",
] as const;
export const TREND_DIRECTIONS = ["new", "growing", "stable", "shrinking"] as const;

// ---------------------------------------------------------------------------------------------
// Inputs

/**
 * Start a run. `dataset`: the dataset's rows (datasetId required). `inbox`: customer messages of
 * the inbox in [from, to] (defaults: the last 7 days up to today).
 */
export const startInput = z
  .object({
    source: z.enum(ANALYSIS_SOURCES),
    datasetId: z.uuid().optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .refine((v) => v.source !== "dataset" || v.datasetId !== undefined, {
    message: "A dataset analysis needs datasetId",
    path: ["datasetId"],
  })
  .refine((v) => !periodProblem(v.from, v.to), { message: periodMessage, path: ["from"] });

export const runsInput = z
  .object({ limit: z.number().int().min(1).max(200).default(50) })
  .default({ limit: 50 });

export const runIdInput = z.object({ runId: z.uuid() });

/** No runId: the latest finished ("done") run. */
export const optionalRunInput = z.object({ runId: z.uuid().optional() }).default({});

export const gapsListInput = z
  .object({
    status: z.enum(GAP_STATUSES).optional(),
    runId: z.uuid().optional(),
    /** Gaps to skip: the previous page's `nextOffset`. */
    offset: z.number().int().min(0).max(1_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .default({ offset: 0, limit: 200 });

export const gapGetInput = z.object({
  gapId: z.uuid(),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});

export const gapResolveInput = z.object({ gapId: z.uuid(), templateId: z.uuid() });

export const gapDismissInput = z.object({
  gapId: z.uuid(),
  reason: safeText({ max: 500, trim: true, label: "The reason", multiline: true }).optional(),
});

export const gapIdInput = z.object({ gapId: z.uuid() });

export const exportInput = z.object({
  runId: z.uuid(),
  what: z.enum(["gaps", "patterns", "insights"]),
  format: z.enum(["csv", "json"]),
});

/** `training.analyze`: a dataset, or a period of inbox messages (neither: the last 30 days). */
export const analyzeInput = z
  .object({ datasetId: z.uuid().optional(), from: day.optional(), to: day.optional() })
  .refine((v) => !(v.datasetId && (v.from || v.to)), {
    message: "Give either datasetId or from/to, not both",
    path: ["datasetId"],
  })
  .refine((v) => !periodProblem(v.from, v.to), { message: periodMessage, path: ["from"] })
  .default({});

// ---------------------------------------------------------------------------------------------
// Outputs

/** The seed's analyzeConversationData shape (template ids with their current names). */
export const conversationAnalysisOutput = z.object({
  messages: z.number().int(),
  /** Share of compared messages whose top suggestion was the agent's template; null: none compared. */
  accuracyScore: z.number().min(0).max(1).nullable(),
  comparedMessages: z.number().int(),
  commonFailurePoints: z.array(
    z.object({
      expected: z.string(),
      expectedName: z.string().nullable(),
      suggested: z.string().nullable(),
      suggestedName: z.string().nullable(),
      count: z.number().int(),
      examples: z.array(z.string()),
    }),
  ),
  improvementAreas: z.array(
    z.object({
      templateId: z.string(),
      templateName: z.string().nullable(),
      misses: z.number().int(),
      total: z.number().int(),
      missRate: z.number(),
    }),
  ),
  satisfaction: z.object({
    csat: z.number().nullable(),
    csatResponses: z.number().int(),
    resolutionRate: z.number().nullable(),
  }),
});
export type ConversationAnalysisOutput = z.infer<typeof conversationAnalysisOutput>;

export const startOutput = z.object({ runId: z.uuid(), jobId: z.uuid().nullable() });

const runFields = {
  id: z.uuid(),
  source: z.enum(ANALYSIS_SOURCES),
  datasetId: z.uuid().nullable(),
  datasetName: z.string().nullable(),
  periodFrom: z.date().nullable(),
  periodTo: z.date().nullable(),
  status: z.enum(RUN_STATUSES),
  /** The job computing it (follow its progress: jobs.get, /api/jobs/[id]/events); null on old runs. */
  jobId: z.uuid().nullable(),
  /** The job's progress 0–100 while running; null otherwise. */
  progress: z.number().int().nullable(),
  messages: z.number().int(),
  unconfident: z.number().int(),
  modelVersion: z.number().int().nullable(),
  /**
   * How many analysed (and compared) messages were training examples available to the model
   * version: the accuracy score over those is not a held-out figure. Null: no model, older runs.
   */
  trainingOverlap: z
    .object({
      messages: z.number().int(),
      compared: z.number().int(),
      /** How many examples the version was trained on (a sample of those available, in the seed). */
      trainedExamples: z.number().int(),
      /**
       * True: measured against the texts the version recorded it was trained on. False (a
       * version from before migration 0044): against every example it could have learned from.
       */
      exact: z.boolean(),
      /** The version's own held-out top-1, for comparison. */
      heldOutTop1: z.number().nullable(),
    })
    .nullable(),
  seconds: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  counts: z.object({
    gaps: z.number().int(),
    openGaps: z.number().int(),
    patterns: z.number().int(),
    insights: z.number().int(),
  }),
};
export const runsOutput = z.array(z.object(runFields));
export const runOutput = z.object({
  ...runFields,
  /** Null until the run is done. */
  summary: conversationAnalysisOutput.nullable(),
});

const trendOutput = z.object({
  previous: z.number().int(),
  current: z.number().int(),
  ratio: z.number().nullable(),
  direction: z.enum(TREND_DIRECTIONS),
});

const suggestedActionOutput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("create_template") }),
  z.object({
    kind: z.literal("add_examples"),
    /** A template id (the model's labels are template ids). */
    label: z.string(),
    labelName: z.string().nullable(),
  }),
]);

export const gapOutput = z.object({
  id: z.uuid(),
  runId: z.uuid(),
  size: z.number().int(),
  keyPhrases: z.array(z.string()),
  examples: z.array(z.object({ id: z.string(), text: z.string(), similarity: z.number() })),
  severity: z.number(),
  cohesion: z.number(),
  failureRate: z.number(),
  trend: trendOutput.nullable(),
  suggestedAction: suggestedActionOutput,
  status: z.enum(GAP_STATUSES),
  resolvedTemplateId: z.uuid().nullable(),
  decidedAt: z.date().nullable(),
  createdAt: z.date(),
});
export const gapsListOutput = z.object({
  runId: z.uuid().nullable(),
  gaps: z.array(gapOutput),
  /** Gaps of the run under the status filter, on every page. */
  total: z.number().int(),
  /** The offset of the next page; null on the last one. */
  nextOffset: z.number().int().nullable(),
});

export const gapMessageOutput = z.object({
  id: z.uuid(),
  text: z.string(),
  /** "inbox:<message id>" or "dataset:<row id>". */
  sourceRef: z.string(),
  reply: z.string().nullable(),
  similarity: z.number(),
  at: z.date().nullable(),
});
export const gapGetOutput = gapOutput.extend({
  messages: z.object({
    items: z.array(gapMessageOutput),
    total: z.number().int(),
    nextOffset: z.number().int().nullable(),
  }),
});

export const gapResolveOutput = z.object({
  gapId: z.uuid(),
  status: z.literal("resolved"),
  templateId: z.uuid(),
  examplesAdded: z.number().int(),
});
export const gapDismissOutput = z.object({ gapId: z.uuid(), status: z.literal("dismissed") });
export const templateDraftOutput = z.object({
  templateId: z.uuid(),
  name: z.string(),
  body: z.string(),
  status: z.literal("draft"),
  /** "replies": the most central agent reply of the gap; "key_phrases": none had a reply. */
  basedOn: z.enum(["replies", "key_phrases"]),
});

export const patternOutput = z.object({
  id: z.uuid(),
  runId: z.uuid(),
  topic: z.string(),
  keyPhrases: z.array(z.string()),
  /** Messages in the topic. */
  size: z.number().int(),
  /**
   * Messages in the earlier / later half of the run's period; null when the run's messages have
   * no dates (a labelled or FAQ dataset): then `changeRatio` is null, `growing` false, `series` [].
   */
  previous: z.number().int().nullable(),
  current: z.number().int().nullable(),
  changeRatio: z.number().nullable(),
  growing: z.boolean(),
  series: z.array(z.object({ at: z.string(), count: z.number().int() })),
  answered: z.boolean(),
  /** Up to five of the topic's messages, the most typical first (empty for runs before 0043). */
  examples: z.array(z.string()),
});
export const patternsOutput = z.object({
  runId: z.uuid().nullable(),
  patterns: z.array(patternOutput),
});

export const insightOutput = z.object({
  id: z.uuid(),
  runId: z.uuid(),
  kind: z.enum(INSIGHT_KINDS),
  impact: z.number().min(0).max(100),
  /** The facts used and a `formula` string: shown to the admin as the evidence. */
  basis: z.record(z.string(), z.unknown()),
  text: z.string(),
  narratedBy: z.enum(["ai", "computed"]),
  /** The gap the insight is about (`basis.gap`) and its current status; null: not about a gap. */
  gapId: z.uuid().nullable(),
  gapStatus: z.enum(GAP_STATUSES).nullable(),
});
export const insightsOutput = z.object({
  runId: z.uuid().nullable(),
  insights: z.array(insightOutput),
});

export const exportOutput = z.object({
  filename: z.string(),
  contentType: z.string(),
  body: z.string(),
});

export const analyzeOutput = conversationAnalysisOutput.extend({
  scope: z.object({
    source: z.enum(ANALYSIS_SOURCES),
    datasetId: z.uuid().nullable(),
    from: day.nullable(),
    to: day.nullable(),
  }),
  /** Messages available before sampling; at most 2,000 are analysed. */
  available: z.number().int(),
  sampled: z.boolean(),
  /** The deployed model version used; null: none deployed (every message "not confident"). */
  modelVersion: z.number().int().nullable(),
});
