import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { readRows } from "@/db/migrate";
import { abTests, abTestVariants, templates } from "@/db/schema";
import { badRequest, conflict, isUniqueViolation, notFound } from "@/server/errors";
import { loadTemplate } from "@/server/templates/store/read-template";
import type { TemplateScope } from "@/server/templates/store/template-scope";
import { templateVisibleTo } from "@/server/templates/store/visibility";
import type { TenantScope } from "@/server/workspaces/scope";
import { plannedSamplePerVariant } from "./plan";
import { type AbMetric, type AbResults, computeResults } from "./results";

export type CreateAbTestInput = {
  templateId: string;
  name: string;
  metric: AbMetric;
  alpha: number;
  power: number;
  mde: number;
  baseRate?: number | null;
  sd?: number | null;
  /** Control first. A variant without content uses the template's current content. */
  variants: { label: string; content?: string | null; weight: number }[];
};

export async function createAbTest(scope: TemplateScope, input: CreateAbTestInput) {
  const template = await loadTemplate(scope, input.templateId);
  if (input.variants.length < 2) throw badRequest("An A/B test needs at least two variants");
  let planned: number;
  try {
    planned = plannedSamplePerVariant({ ...input, variants: input.variants.length });
  } catch (e) {
    throw badRequest(e instanceof Error ? e.message : "Invalid power analysis input");
  }
  const userId = scope.actor.type === "user" ? scope.actor.userId : null;
  const [test] = await scope.tx
    .insert(abTests)
    .values({
      workspaceId: scope.workspace.id,
      templateId: template.id,
      name: input.name,
      metric: input.metric,
      alpha: input.alpha,
      power: input.power,
      mde: input.mde,
      baseRate: input.metric === "csat" ? null : (input.baseRate ?? 0.3),
      sd: input.metric === "csat" ? (input.sd ?? 1) : null,
      plannedPerVariant: planned,
      createdBy: userId,
    })
    .returning({ id: abTests.id });
  if (!test) throw new Error("A/B test not inserted");
  await scope.tx.insert(abTestVariants).values(
    input.variants.map((v, position) => ({
      workspaceId: scope.workspace.id,
      testId: test.id,
      position,
      label: v.label,
      content: v.content?.trim() ? v.content : template.content,
      weight: v.weight,
      sourceVersion: v.content?.trim() ? null : template.currentVersion,
    })),
  );
  await scope.audit({
    action: "ab_test.create",
    entityType: "ab_test",
    entityId: test.id,
    summary: { templateId: template.id, metric: input.metric, plannedPerVariant: planned },
  });
  return getAbTest(scope, test.id);
}

async function lockTest(tx: Tx, id: string) {
  const [test] = await tx.select().from(abTests).where(eq(abTests.id, id)).for("update");
  if (!test) throw notFound("A/B test");
  return test;
}

async function setStatus(scope: TenantScope, id: string, from: string[], to: string) {
  const test = await lockTest(scope.tx, id);
  if (!from.includes(test.status)) throw conflict(`A ${test.status} test cannot be ${to}`);
  try {
    await scope.tx
      .update(abTests)
      .set({
        status: to,
        ...(to === "running" ? { startedAt: sql`now()` } : {}),
        ...(to === "stopped" ? { stoppedAt: sql`now()` } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(abTests.id, id));
  } catch (e) {
    if (isUniqueViolation(e, "ab_tests_one_running_idx"))
      throw conflict("Another test of this template is already running");
    throw e;
  }
  await scope.audit({
    action: to === "running" ? "ab_test.start" : "ab_test.stop",
    entityType: "ab_test",
    entityId: id,
  });
  return getAbTest(scope, id);
}

export const startAbTest = (scope: TenantScope, id: string) =>
  setStatus(scope, id, ["draft"], "running");
export const stopAbTest = (scope: TenantScope, id: string) =>
  setStatus(scope, id, ["running"], "stopped");

export async function listAbTests(scope: TenantScope, input: { templateId?: string }) {
  return scope.tx
    .select({
      id: abTests.id,
      templateId: abTests.templateId,
      // Null when the caller may not see the template (templateVisibleTo: someone's personal
      // one, or an admins-only one for an agent).
      templateName: templates.name,
      name: abTests.name,
      status: abTests.status,
      metric: abTests.metric,
      plannedPerVariant: abTests.plannedPerVariant,
      startedAt: abTests.startedAt,
      stoppedAt: abTests.stoppedAt,
      createdAt: abTests.createdAt,
    })
    .from(abTests)
    .leftJoin(
      templates,
      and(eq(templates.id, abTests.templateId), templateVisibleTo(scope, templates)),
    )
    .where(input.templateId ? eq(abTests.templateId, input.templateId) : undefined)
    .orderBy(desc(abTests.createdAt))
    .limit(200);
}

export async function getAbTest(scope: TenantScope, id: string) {
  const [test] = await scope.tx.select().from(abTests).where(eq(abTests.id, id));
  if (!test) throw notFound("A/B test");
  const variants = await scope.tx
    .select()
    .from(abTestVariants)
    .where(eq(abTestVariants.testId, id))
    .orderBy(asc(abTestVariants.position));
  return { ...test, metric: test.metric as AbMetric, variants };
}

/**
 * Each variant's observations, from its exposures: acceptance = a reply sent with the template
 * in the exposed conversation (1) or not (0); resolution rate = among exposed conversations
 * where the template was sent, resolved (1) or not yet/reopened (0); CSAT = the score of those
 * that have one.
 */
export async function loadObservations(tx: Tx, testId: string, metric: AbMetric) {
  type Row = { variant_id: string; sent: boolean; outcome: string | null; csat: number | null };
  const result = await tx.execute(sql`
    select a.variant_id, c.outcome, c.csat,
      exists (select 1 from template_usage_events e
        where e.workspace_id = a.workspace_id and e.conversation_id = a.conversation_id
          and e.kind = 'sent' and e.template_id = t.template_id) as sent
    from ab_test_assignments a
    join ab_tests t on t.workspace_id = a.workspace_id and t.id = a.test_id
    join conversations c on c.workspace_id = a.workspace_id and c.id = a.conversation_id
    where a.test_id = ${testId}`);
  const rows = readRows<Row>(result);
  const byVariant = new Map<string, number[]>();
  for (const r of rows) {
    let value: number | null;
    if (metric === "acceptance") value = r.sent ? 1 : 0;
    else if (!r.sent) value = null;
    else if (metric === "resolution_rate") value = r.outcome === "resolved" ? 1 : 0;
    else value = r.csat;
    if (value === null) continue;
    byVariant.set(r.variant_id, [...(byVariant.get(r.variant_id) ?? []), value]);
  }
  return byVariant;
}

export async function abTestResults(scope: TenantScope, id: string): Promise<AbResults> {
  const test = await getAbTest(scope, id);
  const observed = await loadObservations(scope.tx, id, test.metric);
  return computeResults(
    test,
    test.variants.map((v) => ({
      variantId: v.id,
      label: v.label,
      values: observed.get(v.id) ?? [],
    })),
  );
}
