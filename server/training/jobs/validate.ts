import { pluralize } from "@/lib/format";
import type { TrainingExampleForModel } from "../examples/store";

/** Fewer examples than this for a template and it is left out of training (and said so). */
export const MIN_EXAMPLES_PER_TEMPLATE = 2;

export type ValidationResult =
  | { ok: false; reason: string }
  | {
      ok: true;
      rows: TrainingExampleForModel[];
      examples: number;
      templates: number;
      skippedTemplates: number;
      summary: string;
    };

/** Templates with enough (non-blank, eligible) examples to be trained on, from their counts. */
export function keptTemplates(examplesPerTemplate: ReadonlyMap<string, number>): Set<string> {
  return new Set(
    [...examplesPerTemplate].filter(([, n]) => n >= MIN_EXAMPLES_PER_TEMPLATE).map(([id]) => id),
  );
}

/** Why a run cannot train: no examples at all, or fewer than two templates with enough. */
export function notEnoughToTrain(examples: number, keptTemplateCount: number): string {
  return examples === 0
    ? "There are no training examples: upload a labelled dataset or add scenarios first"
    : `Training needs at least two templates with ${MIN_EXAMPLES_PER_TEMPLATE} or more examples each (found ${keptTemplateCount})`;
}

/**
 * What a training run can learn from: non-empty texts, templates with at least two examples
 * (the stratified held-out split needs one to hold out and one to learn from), and at least two
 * such templates (a one-class model would suggest the same template for everything).
 */
export function validateExamples(examples: readonly TrainingExampleForModel[]): ValidationResult {
  const usable = examples.filter((e) => e.text.trim().length > 0);
  const counts = new Map<string, number>();
  for (const e of usable) counts.set(e.templateId, (counts.get(e.templateId) ?? 0) + 1);
  const kept = keptTemplates(counts);
  const rows = usable.filter((e) => kept.has(e.templateId));
  if (kept.size < 2) return { ok: false, reason: notEnoughToTrain(examples.length, kept.size) };
  const skipped = counts.size - kept.size;
  return {
    ok: true,
    rows,
    examples: rows.length,
    templates: kept.size,
    skippedTemplates: skipped,
    summary:
      `${pluralize(rows.length, "example")} for ${pluralize(kept.size, "template")}` +
      (skipped > 0
        ? ` (${pluralize(skipped, "template")} with fewer than ${MIN_EXAMPLES_PER_TEMPLATE} examples left out)`
        : ""),
  };
}
