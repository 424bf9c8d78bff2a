import { and, eq, isNotNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { trainingExamples } from "@/db/schema";
import type { Catalog } from "./catalog";
import type { LoadedModel } from "./model-cache";

/**
 * Intent triggers (`{kind: "intent", value: …}`) name what the model predicts: a template's id,
 * its name, or a label of the dataset it was trained on. This module knows those names.
 */

/** An intent trigger fires when the model names its intent first with at least this probability. */
export const INTENT_TRIGGER_MIN_PROBABILITY = 0.4;

/** The dataset labels each template was trained under, loaded with the model (model-cache.ts). */
export async function intentLabels(tx: Tx): Promise<{ templateId: string; label: string }[]> {
  const rows = await tx
    .selectDistinct({ templateId: trainingExamples.templateId, label: trainingExamples.label })
    .from(trainingExamples)
    .where(and(isNotNull(trainingExamples.label), eq(trainingExamples.source, "labelled")));
  return rows.flatMap((r) => (r.label ? [{ templateId: r.templateId, label: r.label }] : []));
}

/** The names an intent trigger may use for the model's top template: its id, name and dataset labels. */
export function intentNamesOf(
  catalog: Catalog,
  loaded: LoadedModel | null,
  templateId: string,
): Set<string> {
  const names = new Set(loaded?.intents.get(templateId) ?? []);
  names.add(templateId);
  const template = catalog.templates[catalog.byId.get(templateId) ?? -1];
  if (template) names.add(template.name);
  return names;
}
