import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import {
  templateSearchTerms,
  templates,
  templateTriggers,
  templateVariables,
  templateVersions,
} from "@/db/schema";
import type { TemplateDraft, TemplateStatus } from "../language/template-schema";
import { vocabularyOf } from "../search/search-words";
import { categoryKey, resolveCategories, resolveCategory } from "./categories";
import { triggerRows, triggerSearchText, variableRows } from "./rows";
import type { TemplateVisibility } from "./visibility";

/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 parameters per statement. */
const BATCH = 1000;

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Adds the words of these names and triggers to the vocabulary search corrects against. */
async function addVocabulary(tx: Tx, workspaceId: string, drafts: TemplateDraft[]) {
  const terms = new Set<string>();
  for (const d of drafts) for (const t of vocabularyOf(d.name, triggerSearchText(d))) terms.add(t);
  await inBatches([...terms], (batch) =>
    tx
      .insert(templateSearchTerms)
      .values(batch.map((term) => ({ workspaceId, term })))
      .onConflictDoNothing(),
  );
}

export type NewTemplates = {
  workspaceId: string;
  userId: string | null;
  drafts: TemplateDraft[];
  /** Version 1's change summary, per draft. */
  summary: (draft: TemplateDraft) => string;
  /** Shared with every member unless said (the caller checked with ownerForNew). */
  visibility?: TemplateVisibility;
  /** Set exactly when visibility is "personal". */
  ownerId?: string | null;
  /** The translation group to join, per draft (addTranslation); a new group otherwise. */
  groupIds?: (string | undefined)[];
};

/**
 * Inserts templates with their variables, triggers and version 1, in the caller's
 * transaction, in a handful of multi-row statements whatever the count (imports, the bench).
 * Drafts must be validated and in stored form (rows.ts storedDraft). Returns ids in order.
 */
export async function insertTemplates(tx: Tx, input: NewTemplates): Promise<string[]> {
  const { workspaceId, userId, drafts } = input;
  const categoryIds = await resolveCategories(
    tx,
    workspaceId,
    drafts.map((d) => d.category),
  );
  // Ids made here, so children can be written without relying on RETURNING's row order.
  const ids = drafts.map(() => crypto.randomUUID());
  const rows = drafts.map((d, i) => ({
    id: ids[i] ?? "",
    workspaceId,
    name: d.name,
    categoryId: d.category === null ? null : (categoryIds.get(categoryKey(d.category)) ?? null),
    content: d.content,
    status: d.status,
    tags: d.tags,
    language: d.language,
    currentVersion: 1,
    createdBy: userId,
    updatedBy: userId,
    triggerText: triggerSearchText(d),
    visibility: input.visibility ?? "everyone",
    ownerId: input.ownerId ?? null,
    groupId: input.groupIds?.[i],
  }));
  await inBatches(rows, (batch) => tx.insert(templates).values(batch));
  const children = drafts.map((d, i) => ({ id: ids[i] ?? "", d }));
  await inBatches(
    children.flatMap(({ id, d }) => variableRows(workspaceId, id, d)),
    (batch) => tx.insert(templateVariables).values(batch),
  );
  await inBatches(
    children.flatMap(({ id, d }) => triggerRows(workspaceId, id, d)),
    (batch) => tx.insert(templateTriggers).values(batch),
  );
  await inBatches(
    children.map(({ id, d }) => ({
      workspaceId,
      templateId: id,
      version: 1,
      snapshot: d,
      changeSummary: input.summary(d),
      createdBy: userId,
    })),
    (batch) => tx.insert(templateVersions).values(batch),
  );
  await addVocabulary(tx, workspaceId, drafts);
  return ids;
}

export type NextState = {
  workspaceId: string;
  userId: string | null;
  templateId: string;
  /** The version being written: the current one + 1 (the caller holds the row lock). */
  version: number;
  draft: TemplateDraft;
  changeSummary: string;
  /** Set by archive; cleared otherwise. */
  statusBeforeArchive?: TemplateStatus | null;
};

/**
 * Makes `draft` the template's current state as version `version`: the row, its variables
 * and triggers (replaced whole, positions are the draft's order) and a new version snapshot.
 */
export async function writeTemplateState(tx: Tx, next: NextState): Promise<void> {
  const { workspaceId, templateId, draft } = next;
  const categoryId = await resolveCategory(tx, workspaceId, draft.category);
  await tx
    .update(templates)
    .set({
      name: draft.name,
      categoryId,
      content: draft.content,
      status: draft.status,
      statusBeforeArchive: next.statusBeforeArchive ?? null,
      tags: draft.tags,
      language: draft.language,
      currentVersion: next.version,
      updatedBy: next.userId,
      updatedAt: new Date(),
      triggerText: triggerSearchText(draft),
    })
    .where(and(eq(templates.workspaceId, workspaceId), eq(templates.id, templateId)));
  await tx.delete(templateVariables).where(eq(templateVariables.templateId, templateId));
  await tx.delete(templateTriggers).where(eq(templateTriggers.templateId, templateId));
  const variables = variableRows(workspaceId, templateId, draft);
  if (variables.length > 0) await tx.insert(templateVariables).values(variables);
  const triggers = triggerRows(workspaceId, templateId, draft);
  if (triggers.length > 0) await tx.insert(templateTriggers).values(triggers);
  await tx.insert(templateVersions).values({
    workspaceId,
    templateId,
    version: next.version,
    snapshot: draft,
    changeSummary: next.changeSummary,
    createdBy: next.userId,
  });
  await addVocabulary(tx, workspaceId, [draft]);
}
