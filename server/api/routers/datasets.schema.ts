import { z } from "zod";
import { cursorInt4 } from "@/server/validation/cursor";
import { safeText } from "@/server/validation/text";

/** Inputs of the datasets router. */
export const idInput = z.object({ id: z.uuid() });

const label = safeText({ max: 500, min: 1, label: "A label" });

export const rowsInput = z.object({
  id: z.uuid(),
  cursor: cursorInt4.min(0).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const mapLabelsInput = z.object({
  id: z.uuid(),
  mapping: z
    .array(z.object({ label, templateId: z.uuid().nullable() }))
    .min(1)
    .max(5_000),
});

export const createTemplatesInput = z.object({
  id: z.uuid(),
  /** Only these labels; all unmapped labels when absent. */
  labels: z.array(label).max(5_000).optional(),
});

export const matchRepliesInput = z.object({
  id: z.uuid(),
  /** Cosine score a reply needs to count as a template (reply-matcher.ts). */
  threshold: z.number().min(0).max(1).optional(),
  /** How far the best template must lead the runner-up. */
  minMargin: z.number().min(0).max(1).optional(),
});
