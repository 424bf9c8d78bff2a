import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import {
  templateCategories,
  templates,
  templateTriggers,
  templateVariables,
  users,
} from "@/db/schema";
import type { TemplateStatus } from "../language/template-schema";
import type { CategoryRef } from "./categories";
import { type PersonRef, personRef } from "./rows";
import type { TemplateScope } from "./template-scope";
import { type TemplateVisibility, templateVisibleTo } from "./visibility";

/** A template as lists and search results show it. */
export type TemplateSummary = {
  id: string;
  name: string;
  category: CategoryRef | null;
  status: TemplateStatus;
  tags: string[];
  language: string;
  currentVersion: number;
  variableCount: number;
  triggerCount: number;
  usageCount: number;
  lastUsedAt: Date | null;
  updatedAt: Date;
  updatedBy: PersonRef;
  visibility: TemplateVisibility;
  groupId: string;
};

export const summaryColumns = {
  id: templates.id,
  name: templates.name,
  categoryId: templateCategories.id,
  categoryName: templateCategories.name,
  status: templates.status,
  tags: templates.tags,
  language: templates.language,
  currentVersion: templates.currentVersion,
  // Counted per row of the page only (the unique (template_id, position) indexes serve them).
  variableCount: sql<number>`(select count(*)::int from ${templateVariables} where ${templateVariables.templateId} = ${templates.id})`,
  triggerCount: sql<number>`(select count(*)::int from ${templateTriggers} where ${templateTriggers.templateId} = ${templates.id})`,
  usageCount: templates.usageCount,
  lastUsedAt: templates.lastUsedAt,
  updatedAt: templates.updatedAt,
  updaterName: users.name,
  updaterEmail: users.email,
  visibility: templates.visibility,
  groupId: templates.groupId,
};

type SummaryRow = {
  id: string;
  name: string;
  categoryId: string | null;
  categoryName: string | null;
  status: TemplateStatus;
  tags: string[];
  language: string;
  currentVersion: number;
  variableCount: number;
  triggerCount: number;
  usageCount: number;
  lastUsedAt: Date | null;
  updatedAt: Date;
  updaterName: string | null;
  updaterEmail: string | null;
  visibility: TemplateVisibility;
  groupId: string;
};

export function toSummary(row: SummaryRow): TemplateSummary {
  const { categoryId, categoryName, updaterName, updaterEmail, ...rest } = row;
  return {
    ...rest,
    category:
      categoryId !== null && categoryName !== null ? { id: categoryId, name: categoryName } : null,
    updatedBy: personRef(updaterName, updaterEmail),
  };
}

/** What a summary read needs: the transaction, the workspace's id and who is looking. */
type SummaryScope = Pick<TemplateScope, "tx" | "actor"> & { workspace: { id: string } };

/**
 * The summary select with its joins, of templates not in the trash that the caller may see;
 * callers add conditions, order and limit.
 */
export function selectSummaries<Extra extends Record<string, SQL | SQL.Aliased>>(
  scope: SummaryScope,
  extra: Extra,
  conditions: (SQL | undefined)[],
) {
  return scope.tx
    .select({ ...summaryColumns, ...extra })
    .from(templates)
    .leftJoin(templateCategories, eq(templateCategories.id, templates.categoryId))
    .leftJoin(users, eq(users.id, templates.updatedBy))
    .where(
      and(
        eq(templates.workspaceId, scope.workspace.id),
        isNull(templates.deletedAt),
        templateVisibleTo(scope, templates),
        ...conditions,
      ),
    );
}

/** Summaries (and contents, for highlighting) of these templates, keyed by id. */
export async function summariesById(scope: SummaryScope, ids: string[]) {
  const byId = new Map<string, TemplateSummary & { content: string }>();
  if (ids.length === 0) return byId;
  const rows = await selectSummaries(scope, { content: sql<string>`${templates.content}` }, [
    inArray(templates.id, ids),
  ]);
  for (const { content, ...row } of rows) byId.set(row.id, { ...toSummary(row), content });
  return byId;
}
