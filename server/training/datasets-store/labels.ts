/**
 * Labelled datasets: label → template mapping, "create missing templates" (one draft per
 * unmapped label), and the training examples the mapping yields (source "labelled"). Every
 * write of the mapping rewrites that dataset's examples in the same transaction, so examples
 * always match the mapping the admin sees.
 */
import { and, asc, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { datasetRows, datasets, templates } from "@/db/schema";
import { AppError, badRequest } from "@/server/errors";
import { requireValidDraft } from "@/server/templates/store/require-valid-draft";
import { insertTemplates } from "@/server/templates/store/write-template";
import type { TenantScope } from "@/server/workspaces/scope";
import { deleteDatasetExamples, insertTrainingExamples } from "../examples/store";
import { listLabels, requireDataset } from "./queries";

const PAGE = 5_000;

async function requireReadyLabelled(tx: Tx, id: string) {
  const dataset = await requireDataset(tx, id);
  if (dataset.kind !== "labelled") throw badRequest("Only a labelled dataset has labels to map.");
  if (dataset.status !== "ready") throw badRequest("The dataset is not ready yet.");
  return dataset;
}

/** Rewrites the dataset's examples from its rows and mapping; returns how many were written. */
export async function rewriteLabelledExamples(
  tx: Tx,
  workspaceId: string,
  datasetId: string,
  mapping: Record<string, string>,
): Promise<number> {
  await deleteDatasetExamples(tx, datasetId);
  if (Object.keys(mapping).length === 0) return 0;
  let written = 0;
  let after = -1;
  for (;;) {
    const page = await tx
      .select({ seq: datasetRows.seq, data: datasetRows.data })
      .from(datasetRows)
      .where(and(eq(datasetRows.datasetId, datasetId), gt(datasetRows.seq, after)))
      .orderBy(asc(datasetRows.seq))
      .limit(PAGE);
    if (page.length === 0) return written;
    after = page.at(-1)?.seq ?? after;
    const examples = page.flatMap(({ data }) => {
      if (data.kind !== "example") return [];
      const templateId = mapping[data.label];
      if (!templateId) return [];
      return [
        { text: data.text, templateId, source: "labelled" as const, datasetId, label: data.label },
      ];
    });
    written += (await insertTrainingExamples(tx, workspaceId, examples)).inserted;
  }
}

/**
 * Sets the template of each listed label (null: unmapped); labels not listed keep theirs.
 * Templates must be live templates of this workspace (RLS already hides others').
 */
export async function mapLabels(
  scope: TenantScope,
  input: { id: string; mapping: { label: string; templateId: string | null }[] },
) {
  const { tx } = scope;
  const dataset = await requireReadyLabelled(tx, input.id);
  const known = new Set((await listLabels(tx, input.id)).map((l) => l.label));
  const unknown = input.mapping.find((m) => !known.has(m.label));
  if (unknown) throw badRequest(`The dataset has no label "${unknown.label}".`);
  const ids = [...new Set(input.mapping.flatMap((m) => (m.templateId ? [m.templateId] : [])))];
  if (ids.length > 0) {
    const found = await tx
      .select({ id: templates.id })
      .from(templates)
      .where(
        and(
          inArray(templates.id, ids),
          isNull(templates.deletedAt),
          ne(templates.status, "archived"),
        ),
      );
    if (found.length !== ids.length) {
      throw new AppError("NOT_FOUND", "A chosen template was not found (or is archived).");
    }
  }
  const mapping = { ...dataset.labelMapping };
  for (const { label, templateId } of input.mapping) {
    if (templateId) mapping[label] = templateId;
    else delete mapping[label];
  }
  return saveMapping(scope, dataset.id, mapping, { action: "dataset.map_labels" });
}

async function saveMapping(
  scope: TenantScope,
  datasetId: string,
  mapping: Record<string, string>,
  audit: { action: string; created?: number },
) {
  const { tx } = scope;
  await tx
    .update(datasets)
    .set({ labelMapping: mapping, updatedAt: new Date() })
    .where(eq(datasets.id, datasetId));
  const examples = await rewriteLabelledExamples(tx, scope.workspace.id, datasetId, mapping);
  await scope.audit({
    action: audit.action,
    entityType: "dataset",
    entityId: datasetId,
    summary: { mapped: Object.keys(mapping).length, examples, created: audit.created },
  });
  return { mapped: Object.keys(mapping).length, examples };
}

/** "Make a template name out of a label": refund_request → Refund request. */
export function labelToName(label: string): string {
  const words = label
    .replace(/[_\-.]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const name = words.charAt(0).toUpperCase() + words.slice(1);
  return (name || "Unnamed label").slice(0, 120);
}

/**
 * One draft template per unmapped label (or per listed label), mapped at once. A label whose
 * name matches an existing live template (case-insensitive) is mapped to it instead.
 */
export async function createMissingTemplates(
  scope: TenantScope,
  input: { id: string; labels?: string[] },
) {
  const { tx } = scope;
  const dataset = await requireReadyLabelled(tx, input.id);
  const labels = (await listLabels(tx, input.id))
    .filter((l) => !l.templateId)
    .map((l) => l.label)
    .filter((label) => !input.labels || input.labels.includes(label));
  const existing = new Map(
    (
      await tx
        .select({ id: templates.id, key: sql<string>`lower(${templates.name})` })
        .from(templates)
        .where(and(isNull(templates.deletedAt), ne(templates.status, "archived")))
    ).map((t) => [t.key, t.id]),
  );
  const mapping = { ...dataset.labelMapping };
  // Labels that read the same ("refund_request", "refund-request") share one new template.
  const toCreate = new Map<string, { label: string; name: string; labels: string[] }>();
  for (const label of labels) {
    const name = labelToName(label);
    const found = existing.get(name.toLowerCase());
    if (found) mapping[label] = found;
    else {
      const entry = toCreate.get(name.toLowerCase());
      if (entry) entry.labels.push(label);
      else toCreate.set(name.toLowerCase(), { label, name, labels: [label] });
    }
  }
  const entries = [...toCreate.values()];
  const drafts = entries.map(({ label, name }) =>
    requireValidDraft({
      name,
      category: "From training data",
      // Braces are placeholders in templates: a label's own become literal ones.
      content: `Write the reply for "${label.slice(0, 200).replaceAll("{", "{{").replaceAll("}", "}}")}" here.`,
      status: "draft",
      tags: ["training"],
      language: "en",
      variables: [],
      triggers: [],
    }),
  );
  const ids = await insertTemplates(tx, {
    workspaceId: scope.workspace.id,
    userId: scope.actor.type === "user" ? scope.actor.userId : null,
    drafts,
    summary: () => `created from dataset "${dataset.name}"`,
  });
  entries.forEach((entry, i) => {
    const id = ids[i];
    if (id) for (const label of entry.labels) mapping[label] = id;
  });
  const saved = await saveMapping(scope, dataset.id, mapping, {
    action: "dataset.create_templates",
    created: ids.length,
  });
  return { ...saved, created: ids.length };
}
