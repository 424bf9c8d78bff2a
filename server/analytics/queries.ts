import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { readRows } from "@/db/migrate";
import { memberships, templateCategories, templates, templateVersions, users } from "@/db/schema";
import { notFound } from "@/server/errors";
import { templateVisibleTo } from "@/server/templates/store/visibility";
import type { TenantScope } from "@/server/workspaces/scope";
import {
  type DayRange,
  daysOf,
  type FactFilters,
  facts,
  METRIC_SUMS,
  type MetricSums,
  type Metrics,
  metricsOf,
  sumRows,
} from "./facts";

type Scope = Pick<TenantScope, "tx" | "actor">;
export type AnalyticsFilters = DayRange & { categoryId?: string; agentId?: string };

/** Rankings need this many conversations before a template is called top or bottom. */
export const MIN_RANKED_CONVERSATIONS = 5;
const RANKED = 5;

async function rows<T>(tx: Tx, query: SQL): Promise<T[]> {
  return readRows<T>(await tx.execute(query));
}

/** The visible, not trashed templates (templateVisibleTo: never another agent's personal one). */
function visibleTemplates(scope: Scope): SQL {
  return sql`select ${templates.id} as id, ${templates.name} as name,
      ${templates.categoryId} as category_id, ${templates.currentVersion} as current_version
    from ${templates}
    where ${templates.deletedAt} is null and ${templateVisibleTo(scope, templates)}`;
}

function filtersOf(input: AnalyticsFilters): FactFilters {
  return { categoryId: input.categoryId, agentId: input.agentId };
}

/** Workspace totals and a daily series with every day of the period (zeros where nothing). */
export async function analyticsOverview(scope: Scope, input: AnalyticsFilters) {
  const byDay = await rows<MetricSums & { day: string }>(
    scope.tx,
    sql`select f.day::text as day, ${METRIC_SUMS}
      from (${facts(input, filtersOf(input))}) f group by f.day`,
  );
  const index = new Map(byDay.map((r) => [r.day, r]));
  return {
    totals: metricsOf(sumRows(byDay)),
    daily: daysOf(input).map((day) => ({ day, ...metricsOf(index.get(day)) })),
  };
}

export type TemplateAnalyticsRow = Metrics & {
  templateId: string;
  name: string;
  categoryId: string | null;
  categoryName: string | null;
};

/**
 * Per visible template over the period (most used first), with the top and bottom templates by
 * resolution rate among those used in at least MIN_RANKED_CONVERSATIONS conversations.
 */
export async function templatesAnalytics(scope: Scope, input: AnalyticsFilters) {
  const found = await rows<MetricSums & { id: string; name: string; category_id: string | null }>(
    scope.tx,
    sql`select t.id, t.name, t.category_id, ${METRIC_SUMS}
      from (${facts(input, filtersOf(input))}) f
      join (${visibleTemplates(scope)}) t on t.id = f.template_id
      group by t.id, t.name, t.category_id`,
  );
  const categories = await scope.tx
    .select({ id: templateCategories.id, name: templateCategories.name })
    .from(templateCategories);
  const categoryName = new Map(categories.map((c) => [c.id, c.name]));
  const list: TemplateAnalyticsRow[] = found
    .map((r) => ({
      templateId: r.id,
      name: r.name,
      categoryId: r.category_id,
      categoryName: r.category_id ? (categoryName.get(r.category_id) ?? null) : null,
      ...metricsOf(r),
    }))
    .sort((a, b) => b.uses - a.uses || a.name.localeCompare(b.name));
  const ranked = list
    .filter((r) => r.conversations >= MIN_RANKED_CONVERSATIONS && r.resolutionRate !== null)
    .sort((a, b) => (b.resolutionRate ?? 0) - (a.resolutionRate ?? 0) || b.uses - a.uses);
  const top = ranked.slice(0, RANKED);
  const bottom = ranked.slice(top.length).reverse().slice(0, RANKED);
  return {
    templates: list,
    top: top.map((r) => r.templateId),
    bottom: bottom.map((r) => r.templateId),
    minRankedConversations: MIN_RANKED_CONVERSATIONS,
  };
}

/** One visible template, or "not found" (a personal template of someone else does not exist). */
export async function requireVisibleTemplate(scope: Scope, templateId: string) {
  const [template] = await rows<{ id: string; name: string; current_version: number }>(
    scope.tx,
    sql`select * from (${visibleTemplates(scope)}) t where t.id = ${templateId}::uuid`,
  );
  if (!template) throw notFound("Template");
  return template;
}

/** The seed's getTemplateAnalytics: totals, a daily trend and a breakdown by version. */
export async function templateAnalytics(
  scope: Scope,
  input: DayRange & { templateId: string; agentId?: string },
) {
  const template = await requireVisibleTemplate(scope, input.templateId);
  const source = facts(input, { templateId: template.id, agentId: input.agentId });
  const [byDay, byVersion, versions] = [
    await rows<MetricSums & { day: string }>(
      scope.tx,
      sql`select f.day::text as day, ${METRIC_SUMS} from (${source}) f group by f.day`,
    ),
    await rows<MetricSums & { version: number | null }>(
      scope.tx,
      sql`select f.template_version as version, ${METRIC_SUMS} from (${source}) f
        group by f.template_version order by f.template_version nulls first`,
    ),
    await scope.tx
      .select({
        version: templateVersions.version,
        createdAt: templateVersions.createdAt,
        changeSummary: templateVersions.changeSummary,
      })
      .from(templateVersions)
      .where(sql`${templateVersions.templateId} = ${template.id}`)
      .orderBy(templateVersions.version),
  ];
  const index = new Map(byDay.map((r) => [r.day, r]));
  const savedAt = new Map(versions.map((v) => [v.version, v]));
  return {
    templateId: template.id,
    name: template.name,
    currentVersion: template.current_version,
    totals: metricsOf(sumRows(byVersion)),
    daily: daysOf(input).map((day) => ({ day, ...metricsOf(index.get(day)) })),
    versions: byVersion.map((r) => ({
      version: r.version,
      savedAt: r.version !== null ? (savedAt.get(r.version)?.createdAt ?? null) : null,
      changeSummary: r.version !== null ? (savedAt.get(r.version)?.changeSummary ?? null) : null,
      ...metricsOf(r),
    })),
    savedVersions: versions.map((v) => ({ version: v.version, savedAt: v.createdAt })),
  };
}

/** Per agent (members and former members who left events), with their names where known. */
export async function agentsAnalytics(scope: Scope, input: AnalyticsFilters) {
  const found = await rows<MetricSums & { agent_id: string }>(
    scope.tx,
    sql`select f.agent_id, ${METRIC_SUMS} from (${facts(input, filtersOf(input))}) f
      where f.agent_id is not null group by f.agent_id`,
  );
  const people = await scope.tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, sql`${users.id} = ${memberships.userId}`);
  const byId = new Map(people.map((p) => [p.id, p]));
  return found
    .map((r) => {
      const person = byId.get(r.agent_id);
      return {
        agentId: r.agent_id,
        name: person ? person.name || person.email : "Former member",
        ...metricsOf(r),
      };
    })
    .sort((a, b) => b.sent - a.sent || a.name.localeCompare(b.name));
}

/** Per template category (and the replies with no category). */
export async function categoriesAnalytics(scope: Scope, input: AnalyticsFilters) {
  const found = await rows<MetricSums & { category_id: string | null }>(
    scope.tx,
    sql`select f.category_id, ${METRIC_SUMS} from (${facts(input, filtersOf(input))}) f
      where f.template_id is not null group by f.category_id`,
  );
  const categories = await scope.tx
    .select({ id: templateCategories.id, name: templateCategories.name })
    .from(templateCategories);
  const byId = new Map(categories.map((c) => [c.id, c.name]));
  return found
    .map((r) => ({
      categoryId: r.category_id,
      name: r.category_id ? (byId.get(r.category_id) ?? "Deleted category") : "Uncategorised",
      ...metricsOf(r),
    }))
    .sort((a, b) => b.uses - a.uses || a.name.localeCompare(b.name));
}
