import { z } from "zod";
import { AB_TEST_METRIC_VALUES } from "@/lib/ab-test-metrics";

export const metricSchema = z.enum(AB_TEST_METRIC_VALUES);

export const planInput = z.object({
  metric: metricSchema,
  alpha: z.number().gt(0).lt(0.5).default(0.05),
  power: z.number().gt(0.5).lt(1).default(0.8),
  mde: z.number().gt(0).lt(10),
  baseRate: z.number().gt(0).lt(1).nullish(),
  sd: z.number().gt(0).lt(10).nullish(),
  variants: z.number().int().min(2).max(6).default(2),
});

export const createInput = planInput.omit({ variants: true }).extend({
  templateId: z.uuid(),
  name: z.string().trim().min(1).max(120),
  variants: z
    .array(
      z.object({
        label: z.string().trim().min(1).max(60),
        content: z.string().max(20_000).nullish(),
        weight: z.number().int().min(1).max(1000).default(1),
      }),
    )
    .min(2)
    .max(6),
});

export const idInput = z.object({ id: z.uuid() });
export const listInput = z.object({ templateId: z.uuid().optional() }).default({});
export const promoteInput = z.object({ id: z.uuid(), variantId: z.uuid().optional() });

const interval = z.object({ low: z.number(), high: z.number() });

export const variantOutput = z.object({
  id: z.string(),
  position: z.number(),
  label: z.string(),
  content: z.string(),
  weight: z.number(),
  sourceVersion: z.number().nullable(),
});

export const testOutput = z.object({
  id: z.string(),
  templateId: z.string(),
  name: z.string(),
  status: z.string(),
  metric: metricSchema,
  alpha: z.number(),
  power: z.number(),
  mde: z.number(),
  baseRate: z.number().nullable(),
  sd: z.number().nullable(),
  plannedPerVariant: z.number(),
  startedAt: z.date().nullable(),
  stoppedAt: z.date().nullable(),
  winnerVariantId: z.string().nullable(),
  promotedVersion: z.number().nullable(),
  createdAt: z.date(),
  variants: z.array(variantOutput),
});

export const listOutput = z.array(
  z.object({
    id: z.string(),
    templateId: z.string(),
    templateName: z.string().nullable(),
    name: z.string(),
    status: z.string(),
    metric: z.string(),
    plannedPerVariant: z.number(),
    startedAt: z.date().nullable(),
    stoppedAt: z.date().nullable(),
    createdAt: z.date(),
  }),
);

export const resultsOutput = z.object({
  metric: metricSchema,
  alpha: z.number(),
  plannedPerVariant: z.number(),
  state: z.enum(["collecting", "ready"]),
  progress: z.object({ minN: z.number(), planned: z.number() }),
  variants: z.array(
    z.object({
      variantId: z.string(),
      label: z.string(),
      n: z.number(),
      estimate: z.number().nullable(),
      interval: interval.nullable(),
      comparison: z
        .object({
          difference: z.number(),
          interval,
          pValue: z.number(),
          adjustedPValue: z.number(),
        })
        .nullable(),
    }),
  ),
  verdict: z
    .object({
      test: z.enum(["two_proportion_z", "chi_square", "welch_t"]),
      statistic: z.number(),
      pValue: z.number(),
      significant: z.boolean(),
      winnerVariantId: z.string().nullable(),
    })
    .nullable(),
});

export const promoteOutput = z.object({
  templateId: z.string(),
  version: z.number(),
  variantId: z.string(),
});
