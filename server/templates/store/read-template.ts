import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "@/db";
import {
  templateCategories,
  templates,
  templateTriggers,
  templateVariables,
  users,
} from "@/db/schema";
import { notFound } from "@/server/errors";
import type { TemplateDraft, TemplateStatus } from "../language/template-schema";
import type { TemplateTrigger } from "../language/trigger-schema";
import type { TemplateVariable } from "../language/variable-schema";
import type { CategoryRef } from "./categories";
import { type PersonRef, personRef, triggerFromRow, variableFromRow } from "./rows";
import type { TemplateScope } from "./template-scope";
import { requireEditable, type TemplateVisibility, templateVisibleTo } from "./visibility";

export type TemplateDetail = {
  id: string;
  name: string;
  category: CategoryRef | null;
  content: string;
  status: TemplateStatus;
  tags: string[];
  language: string;
  currentVersion: number;
  variables: TemplateVariable[];
  triggers: TemplateTrigger[];
  usageCount: number;
  lastUsedAt: Date | null;
  createdAt: Date;
  createdBy: PersonRef;
  updatedAt: Date;
  updatedBy: PersonRef;
  /** personal (ownerId is the owner), everyone or admins: see visibility.ts. */
  visibility: TemplateVisibility;
  ownerId: string | null;
  /** Shared by a template and its translations (variants.ts). */
  groupId: string;
};

const creator = alias(users, "creator");
const updater = alias(users, "updater");

function baseRows(scope: TemplateScope) {
  return scope.tx
    .select({
      id: templates.id,
      name: templates.name,
      categoryId: templateCategories.id,
      categoryName: templateCategories.name,
      content: templates.content,
      status: templates.status,
      statusBeforeArchive: templates.statusBeforeArchive,
      tags: templates.tags,
      language: templates.language,
      currentVersion: templates.currentVersion,
      usageCount: templates.usageCount,
      lastUsedAt: templates.lastUsedAt,
      createdAt: templates.createdAt,
      creatorName: creator.name,
      creatorEmail: creator.email,
      updatedAt: templates.updatedAt,
      updaterName: updater.name,
      updaterEmail: updater.email,
      visibility: templates.visibility,
      ownerId: templates.ownerId,
      groupId: templates.groupId,
    })
    .from(templates)
    .leftJoin(templateCategories, eq(templateCategories.id, templates.categoryId))
    .leftJoin(creator, eq(creator.id, templates.createdBy))
    .leftJoin(updater, eq(updater.id, templates.updatedBy))
    .$dynamic()
    .where(live(scope));
}

/** This workspace's templates that are not in the trash (trash.ts) and the caller may see. */
function live(scope: TemplateScope) {
  return and(
    eq(templates.workspaceId, scope.workspace.id),
    isNull(templates.deletedAt),
    templateVisibleTo(scope, templates),
  );
}

type BaseRow = Awaited<ReturnType<typeof baseRows>>[number];

async function childrenOf(tx: Tx, ids: string[]) {
  const variables = new Map<string, TemplateVariable[]>();
  const triggers = new Map<string, TemplateTrigger[]>();
  if (ids.length === 0) return { variables, triggers };
  const variableRows = await tx
    .select()
    .from(templateVariables)
    .where(inArray(templateVariables.templateId, ids))
    .orderBy(asc(templateVariables.templateId), asc(templateVariables.position));
  for (const row of variableRows) {
    const list = variables.get(row.templateId) ?? [];
    list.push(variableFromRow(row));
    variables.set(row.templateId, list);
  }
  const triggerRows = await tx
    .select()
    .from(templateTriggers)
    .where(inArray(templateTriggers.templateId, ids))
    .orderBy(asc(templateTriggers.templateId), asc(templateTriggers.position));
  for (const row of triggerRows) {
    const list = triggers.get(row.templateId) ?? [];
    list.push(triggerFromRow(row));
    triggers.set(row.templateId, list);
  }
  return { variables, triggers };
}

function toDetail(
  row: BaseRow,
  variables: TemplateVariable[],
  triggers: TemplateTrigger[],
): TemplateDetail {
  return {
    id: row.id,
    name: row.name,
    category:
      row.categoryId !== null && row.categoryName !== null
        ? { id: row.categoryId, name: row.categoryName }
        : null,
    content: row.content,
    status: row.status,
    tags: row.tags,
    language: row.language,
    currentVersion: row.currentVersion,
    variables,
    triggers,
    usageCount: row.usageCount,
    lastUsedAt: row.lastUsedAt,
    createdAt: row.createdAt,
    createdBy: personRef(row.creatorName, row.creatorEmail),
    updatedAt: row.updatedAt,
    updatedBy: personRef(row.updaterName, row.updaterEmail),
    visibility: row.visibility,
    ownerId: row.ownerId,
    groupId: row.groupId,
  };
}

export type LoadedTemplate = TemplateDetail & { statusBeforeArchive: TemplateStatus | null };

/**
 * One template as it is now, if the caller may see it. `lock` takes the row lock (`for update
 * of templates`) that serialises saves, so version numbers are handed out one at a time; a lock
 * is taken only to change the template, so it also requires the caller may change it.
 */
export async function loadTemplate(
  scope: TemplateScope,
  id: string,
  options: { lock?: boolean } = {},
): Promise<LoadedTemplate> {
  const query = baseRows(scope)
    .where(and(live(scope), eq(templates.id, id)))
    .limit(1);
  const [row] = options.lock ? await query.for("update", { of: templates }) : await query;
  if (!row) throw notFound("Template");
  if (options.lock) requireEditable(scope, row);
  const { variables, triggers } = await childrenOf(scope.tx, [id]);
  return {
    ...toDetail(row, variables.get(id) ?? [], triggers.get(id) ?? []),
    statusBeforeArchive: row.statusBeforeArchive,
  };
}

export async function getTemplate(scope: TemplateScope, id: string): Promise<TemplateDetail> {
  const { statusBeforeArchive: _, ...detail } = await loadTemplate(scope, id);
  return detail;
}

/** The template's current state as a draft: what its latest version snapshot holds. */
export function draftOf(template: TemplateDetail): TemplateDraft {
  return {
    name: template.name,
    category: template.category?.name ?? null,
    content: template.content,
    status: template.status,
    tags: template.tags,
    language: template.language,
    variables: template.variables,
    triggers: template.triggers,
  };
}

/**
 * Drafts of the given templates (all of the workspace's when `ids` is undefined), ordered by
 * name then id. Throws NOT_FOUND when any given id is not a template of this workspace.
 */
export async function loadDrafts(scope: TemplateScope, ids?: string[]): Promise<TemplateDraft[]> {
  const query = baseRows(scope);
  if (ids) {
    query.where(and(live(scope), inArray(templates.id, ids)));
  }
  const rows = await query.orderBy(asc(templates.name), asc(templates.id));
  if (ids && rows.length !== new Set(ids).size) throw notFound("Template");
  const children = await childrenOf(
    scope.tx,
    rows.map((r) => r.id),
  );
  return rows.map((row) =>
    draftOf(
      toDetail(row, children.variables.get(row.id) ?? [], children.triggers.get(row.id) ?? []),
    ),
  );
}
