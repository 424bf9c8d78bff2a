/**
 * The training overview: a checklist computed from what exists (datasets, examples, scenarios,
 * versions, the deployed version, the last run), and the comparison of two versions.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { readRows } from "@/db/migrate";
import { jobRuns, trainingExamples } from "@/db/schema";
import { modelTrainingJob } from "@/server/jobs/definitions/model-training";
import type { TenantScope } from "@/server/workspaces/scope";
import { ofTrainingDatasets, trainableTemplate } from "../examples/store";
import { keptTemplates } from "../jobs/validate";
import { getDeployedModelStamp } from "../versions/deployed";
import { compareMetrics } from "../versions/metrics";
import { getModelVersion } from "../versions/store";

export async function trainingOverview(scope: TenantScope) {
  const [counts] = readRows<{
    datasets: number;
    ready_datasets: number;
    examples: number;
    templates: number;
    scenarios: number;
    versions: number;
  }>(
    await scope.tx.execute(sql`select
      (select count(*)::int from datasets) as datasets,
      (select count(*)::int from datasets where status = 'ready') as ready_datasets,
      (select count(*)::int from training_examples) as examples,
      (select count(distinct template_id)::int from training_examples) as templates,
      (select count(*)::int from training_scenarios) as scenarios,
      (select count(*)::int from model_versions) as versions`),
  );
  const next = await nextRunExamples(scope.tx);
  const deployed = await getDeployedModelStamp(scope.tx);
  const [lastJob] = await scope.tx
    .select({
      id: jobRuns.id,
      state: jobRuns.state,
      progress: jobRuns.progress,
      createdAt: jobRuns.createdAt,
    })
    .from(jobRuns)
    .where(
      and(eq(jobRuns.workspaceId, scope.workspace.id), eq(jobRuns.name, modelTrainingJob.name)),
    )
    .orderBy(desc(jobRuns.createdAt))
    .limit(1);
  const c = counts ?? {
    datasets: 0,
    ready_datasets: 0,
    examples: 0,
    templates: 0,
    scenarios: 0,
    versions: 0,
  };
  return {
    counts: {
      datasets: c.datasets,
      readyDatasets: c.ready_datasets,
      examples: c.examples,
      templatesWithExamples: c.templates,
      /** What a run of every dataset learns from now (the rule the training job applies). */
      nextRunExamples: next.examples,
      nextRunTemplates: next.templates,
      scenarios: c.scenarios,
      versions: c.versions,
    },
    deployed,
    lastJob: lastJob ?? null,
    checklist: [
      { key: "dataset", label: "Upload a dataset", done: c.ready_datasets > 0 },
      {
        key: "examples",
        label: "Map examples to at least two templates",
        done: next.templates >= 2,
      },
      { key: "scenarios", label: "Write test scenarios", done: c.scenarios > 0 },
      { key: "train", label: "Train a model version", done: c.versions > 0 },
      { key: "deploy", label: "Deploy a version", done: deployed !== null },
    ],
  };
}

/**
 * Examples and templates the next run would train on (`datasetIds`: that run's datasets; none:
 * every dataset): per eligible template, its non-blank examples, kept by the same rule as the
 * job's validation. One row per template. `all`: the non-blank examples before that rule.
 */
export async function nextRunExamples(tx: Tx, datasetIds: readonly string[] = []) {
  const perTemplate = await tx
    .select({ templateId: trainingExamples.templateId, n: sql<number>`count(*)::int` })
    .from(trainingExamples)
    .where(
      and(sql`${trainingExamples.text} ~ '\\S'`, trainableTemplate, ofTrainingDatasets(datasetIds)),
    )
    .groupBy(trainingExamples.templateId);
  const counts = new Map(perTemplate.map((row) => [row.templateId, row.n]));
  const kept = keptTemplates(counts);
  let examples = 0;
  let all = 0;
  for (const [id, n] of counts) {
    all += n;
    if (kept.has(id)) examples += n;
  }
  return { examples, templates: kept.size, all };
}

/** Two versions side by side: headline figures and per-template precision/recall/F1 changes. */
export async function compareVersions(scope: TenantScope, input: { a: string; b: string }) {
  const a = await getModelVersion(scope.tx, input.a);
  const b = await getModelVersion(scope.tx, input.b);
  const summary = (v: typeof a) => ({
    id: v.id,
    version: v.version,
    deployed: v.deployed,
    createdAt: v.createdAt,
    exampleCount: v.exampleCount,
    sizeBytes: v.sizeBytes,
    headline: v.metrics.headline,
  });
  return { a: summary(a), b: summary(b), templates: compareMetrics(a.metrics, b.metrics) };
}
