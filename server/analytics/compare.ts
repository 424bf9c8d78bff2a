import { and, asc, eq, sql } from "drizzle-orm";
import { readRows } from "@/db/migrate";
import { modelDeploymentEvents, modelVersions, templateVersions } from "@/db/schema";
import { notFound } from "@/server/errors";
import type { TenantScope } from "@/server/workspaces/scope";
import {
  type DayRange,
  type FactFilters,
  facts,
  METRIC_SUMS,
  type MetricSums,
  metricsOf,
} from "./facts";
import { requireVisibleTemplate } from "./queries";
import { addDays, earlierDay, utcDay } from "./rollup";

type Scope = Pick<TenantScope, "tx" | "actor">;

export type CompareInput = {
  templateId?: string;
  /** With templateId: the template version the comparison is around (default: current). */
  version?: number;
  modelVersionId?: string;
  /** An explicit moment instead of the version's save or the model's first deploy. */
  at?: Date;
  days: number;
};

async function periodMetrics(scope: Scope, range: DayRange, filters: FactFilters) {
  const [row] = readRows<MetricSums>(
    await scope.tx.execute(sql`select ${METRIC_SUMS} from (${facts(range, filters)}) f`),
  );
  return { ...range, ...metricsOf(row) };
}

/** When the change happened: a template version's save, or a model version's first deploy. */
async function changeMoment(scope: Scope, input: CompareInput) {
  if (input.templateId) {
    const template = await requireVisibleTemplate(scope, input.templateId);
    const version = input.version ?? template.current_version;
    if (input.at) return { at: input.at, label: `Template version ${version}` };
    const [saved] = await scope.tx
      .select({ createdAt: templateVersions.createdAt })
      .from(templateVersions)
      .where(
        and(eq(templateVersions.templateId, template.id), eq(templateVersions.version, version)),
      );
    if (!saved) throw notFound("Template version");
    return { at: saved.createdAt, label: `Template version ${version}` };
  }
  if (!input.modelVersionId) throw notFound("Model version");
  const [model] = await scope.tx
    .select({ version: modelVersions.version })
    .from(modelVersions)
    .where(eq(modelVersions.id, input.modelVersionId));
  if (!model) throw notFound("Model version");
  if (input.at) return { at: input.at, label: `Model version ${model.version}` };
  const [deployed] = await scope.tx
    .select({ at: modelDeploymentEvents.createdAt })
    .from(modelDeploymentEvents)
    .where(eq(modelDeploymentEvents.versionId, input.modelVersionId))
    .orderBy(asc(modelDeploymentEvents.createdAt))
    .limit(1);
  if (!deployed) throw notFound("Deployment of this model version");
  return { at: deployed.at, label: `Model version ${model.version} deployed` };
}

/**
 * The seed's "comparative analytics": the same metrics over `days` whole UTC days before the
 * change and from the change's day on (clipped to today), for the template (its uses only) or,
 * around a model deploy, for the whole workspace. The change's own day counts as "after".
 */
export async function compareAround(scope: Scope, input: CompareInput) {
  const change = await changeMoment(scope, input);
  const day = utcDay(change.at);
  const today = utcDay(new Date());
  const afterTo = addDays(day, input.days - 1);
  const filters: FactFilters = input.templateId ? { templateId: input.templateId } : {};
  const before = await periodMetrics(
    scope,
    { from: addDays(day, -input.days), to: addDays(day, -1) },
    filters,
  );
  const after =
    day > today
      ? null
      : await periodMetrics(scope, { from: day, to: earlierDay(afterTo, today) }, filters);
  return { at: change.at, day, label: change.label, before, after };
}
