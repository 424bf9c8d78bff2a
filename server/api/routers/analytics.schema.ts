import { z } from "zod";
import { safeText } from "@/server/validation/text";

/** A member's user id (Auth.js ids are text): refused with a field error when it is not plain text. */
const agentId = safeText({ max: 200, min: 1, label: "The agent", trim: true });

const MAX_DAYS = 366;
const day = z.iso.date();

const daySpan = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

/** A period of whole UTC days, both ends included, at most a year. */
const period = z.object({ from: day, to: day });
const validPeriod = <T extends { from: string; to: string }>(value: T) =>
  value.from <= value.to && daySpan(value.from, value.to) <= MAX_DAYS;
const periodMessage = {
  message: `from must not be after to, and the period at most ${MAX_DAYS} days`,
};

export const filtersInput = period
  .extend({ categoryId: z.uuid().optional(), agentId: agentId.optional() })
  .refine(validPeriod, periodMessage);

export const templateInput = period
  .extend({ templateId: z.uuid(), agentId: agentId.optional() })
  .refine(validPeriod, periodMessage);

export const compareInput = z
  .object({
    templateId: z.uuid().optional(),
    version: z.number().int().min(1).optional(),
    modelVersionId: z.uuid().optional(),
    at: z.coerce.date().optional(),
    days: z.number().int().min(1).max(90).default(14),
  })
  .refine((v) => Boolean(v.templateId) !== Boolean(v.modelVersionId), {
    message: "Give either templateId or modelVersionId",
  });

export const exportInput = period
  .extend({
    format: z.enum(["csv", "json"]),
    categoryId: z.uuid().optional(),
    agentId: agentId.optional(),
  })
  .refine(validPeriod, periodMessage);

export const backfillInput = period.refine(validPeriod, periodMessage);

const rate = z.number().min(0).max(1).nullable();
export const metricsOutput = z.object({
  uses: z.number().int(),
  sent: z.number().int(),
  shown: z.number().int(),
  inserted: z.number().int(),
  edited: z.number().int(),
  conversations: z.number().int(),
  resolved: z.number().int(),
  reopened: z.number().int(),
  csatCount: z.number().int(),
  responseCount: z.number().int(),
  acceptanceRate: rate,
  editRate: rate,
  resolutionRate: rate,
  avgCsat: z.number().nullable(),
  avgResponseMs: z.number().nullable(),
  avgEditDistance: z.number().nullable(),
});

const dailyOutput = z.array(metricsOutput.extend({ day }));

export const overviewOutput = z.object({ totals: metricsOutput, daily: dailyOutput });

export const templatesOutput = z.object({
  templates: z.array(
    metricsOutput.extend({
      templateId: z.uuid(),
      name: z.string(),
      categoryId: z.uuid().nullable(),
      categoryName: z.string().nullable(),
    }),
  ),
  top: z.array(z.uuid()),
  bottom: z.array(z.uuid()),
  minRankedConversations: z.number().int(),
});

export const templateOutput = z.object({
  templateId: z.uuid(),
  name: z.string(),
  currentVersion: z.number().int(),
  totals: metricsOutput,
  daily: dailyOutput,
  versions: z.array(
    metricsOutput.extend({
      version: z.number().int().nullable(),
      savedAt: z.date().nullable(),
      changeSummary: z.string().nullable(),
    }),
  ),
  savedVersions: z.array(z.object({ version: z.number().int(), savedAt: z.date() })),
});

const periodMetrics = metricsOutput.extend({ from: day, to: day });
export const compareOutput = z.object({
  at: z.date(),
  day,
  label: z.string(),
  before: periodMetrics,
  after: periodMetrics.nullable(),
});

export const agentsOutput = z.array(
  metricsOutput.extend({ agentId: z.string(), name: z.string() }),
);
export const categoriesOutput = z.array(
  metricsOutput.extend({ categoryId: z.uuid().nullable(), name: z.string() }),
);

export const exportOutput = z.object({
  filename: z.string(),
  contentType: z.string(),
  body: z.string(),
});

export const backfillOutput = z.object({ jobId: z.uuid().nullable() });
