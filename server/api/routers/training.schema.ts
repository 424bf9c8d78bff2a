import { z } from "zod";
import { safeName, safeText } from "@/server/validation/text";

/** Inputs of the training router (model versions, training jobs, scenarios, evaluation). */
export const idInput = z.object({ id: z.uuid() });
export const versionIdInput = z.object({ versionId: z.uuid() });
export const limitInput = z
  .object({ limit: z.number().int().min(1).max(200).default(50) })
  .default({ limit: 50 });

/** `cursor`: a version number; the page holds the versions older than it (`nextCursor`). */
export const versionsInput = z
  .object({
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.number().int().min(1).max(2_147_483_647).nullish(),
  })
  .default({ limit: 50 });

export const startInput = z
  .object({
    datasetIds: z.array(z.uuid()).max(100).default([]),
    deploy: z.boolean().default(false),
  })
  .default({ datasetIds: [], deploy: false });

export const trainOnScenariosInput = z
  .object({ deploy: z.boolean().default(false) })
  .default({ deploy: false });

export const progressInput = z.object({ jobId: z.uuid() });
export const compareInput = z.object({ a: z.uuid(), b: z.uuid() });
export const rollbackInput = z.object({ versionId: z.uuid().optional() }).default({});
export const scenarioRunsInput = z
  .object({ versionId: z.uuid().optional(), limit: z.number().int().min(1).max(200).default(50) })
  .default({ limit: 50 });

export const DIFFICULTIES = ["easy", "medium", "hard"] as const;

const scenarioFields = {
  text: safeText({
    max: 2_000,
    min: 1,
    trim: true,
    label: "The customer message",
    multiline: true,
  }),
  templateId: z.uuid(),
  difficulty: z.enum(DIFFICULTIES).default("medium"),
  tags: z
    .array(safeName({ max: 40, label: "A tag" }))
    .max(10)
    .default([]),
};
export const scenarioCreateInput = z.object(scenarioFields);
export const scenarioUpdateInput = z.object({ id: z.uuid(), ...scenarioFields });

/** The CLI reads the file and sends its rows; labels are template names or mapped labels. */
export const MAX_EVALUATE_ROWS = 20_000;
export const evaluateInput = z.object({
  versionId: z.uuid().optional(),
  rows: z
    .array(
      z.object({
        text: safeText({ max: 2_000, min: 1, trim: true, label: "A row's text", multiline: true }),
        label: safeText({ max: 200, min: 1, trim: true, label: "A row's label" }),
      }),
    )
    .min(1)
    .max(MAX_EVALUATE_ROWS),
});
