/**
 * Scoring a model version on data it was not trained on: an external labelled file (CLI
 * `evaluate`, `training.evaluate`) or the workspace's scenarios (`training.runScenarios`).
 * Runs in the calling process: loading an artefact takes tens of milliseconds and a prediction
 * about 0.1 ms, so a few thousand rows stay well under a second.
 */
import { and, inArray, isNotNull, sql } from "drizzle-orm";
import { templates, trainingExamples } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import type { TenantScope } from "@/server/workspaces/scope";
import { classificationReport, type RankedPrediction } from "../evaluation/metrics";
import { runScenarios } from "../evaluation/scenarios";
import { type IntentModel, predict } from "../model/model";
import { deserializeModelAsync } from "../model/serialize";
import { recordScenarioRun, scenariosForModel } from "../scenarios/store";
import { getDeployedModelStamp, loadModelArtifact, scopeActorLabel } from "../versions/deployed";

async function loadVersionModel(scope: Pick<TenantScope, "tx">, versionId?: string) {
  const id = versionId ?? (await getDeployedModelStamp(scope.tx))?.versionId;
  if (!id) throw new AppError("PRECONDITION_FAILED", "No model version is deployed: name one");
  const artefact = await loadModelArtifact(scope.tx, id);
  if (!artefact) throw notFound("Model version");
  return { id, version: artefact.version, model: await deserializeModelAsync(artefact.bytes) };
}

/** Label → template id: template names (case-insensitive), then labels mapped in datasets. */
async function resolveLabels(scope: Pick<TenantScope, "tx">, labels: string[]) {
  const wanted = [...new Set(labels)];
  const byLabel = new Map<string, string>();
  if (wanted.length === 0) return byLabel;
  const lowered = wanted.map((l) => l.toLowerCase());
  const named = await scope.tx
    .select({ id: templates.id, name: templates.name })
    .from(templates)
    .where(
      and(inArray(sql`lower(${templates.name})`, lowered), sql`${templates.deletedAt} is null`),
    );
  const byName = new Map(named.map((t) => [t.name.toLowerCase(), t.id]));
  const mapped = await scope.tx
    .selectDistinct({ label: trainingExamples.label, templateId: trainingExamples.templateId })
    .from(trainingExamples)
    .where(and(isNotNull(trainingExamples.label), inArray(trainingExamples.label, wanted)));
  const byMapping = new Map(mapped.map((m) => [m.label ?? "", m.templateId]));
  for (const label of wanted) {
    const id = byName.get(label.toLowerCase()) ?? byMapping.get(label);
    if (id) byLabel.set(label, id);
  }
  return byLabel;
}

function rank(model: IntentModel, text: string, index: Map<string, number>): RankedPrediction {
  const prediction = predict(model, text, 5);
  return {
    ranked: prediction.candidates.map((c) => index.get(c.label) ?? -1),
    confidence: prediction.candidates[0]?.probability ?? 0,
  };
}

/** Opens a short tenant transaction per call (the procedure's `ctx.inTenant`, the CLI's workspace). */
export type InTenantScope = <T>(fn: (scope: Pick<TenantScope, "tx">) => Promise<T>) => Promise<T>;

/**
 * Scores a labelled file: the artefact and the label mapping are read in one short
 * transaction, the scoring runs outside any (seconds for a large file: no connection held),
 * and the template names are read in another.
 */
export async function evaluateRows(
  inTenant: InTenantScope,
  input: { versionId?: string; rows: { text: string; label: string }[] },
) {
  const { id, version, model, byLabel } = await inTenant(async (scope) => ({
    ...(await loadVersionModel(scope, input.versionId)),
    byLabel: await resolveLabels(
      scope,
      input.rows.map((r) => r.label),
    ),
  }));
  const unmatched = new Map<string, number>();
  const scored = input.rows.flatMap((row) => {
    const templateId = byLabel.get(row.label);
    if (!templateId) {
      unmatched.set(row.label, (unmatched.get(row.label) ?? 0) + 1);
      return [];
    }
    return [{ text: row.text, templateId }];
  });
  if (scored.length === 0) {
    throw new AppError("BAD_REQUEST", "No row's label names a template of this workspace");
  }
  // Truth labels the model never saw still count (as misses): extend the label list with them.
  const labels = [...model.labels];
  const index = new Map(labels.map((l, i) => [l, i]));
  for (const row of scored) {
    if (!index.has(row.templateId)) {
      index.set(row.templateId, labels.length);
      labels.push(row.templateId);
    }
  }
  const started = performance.now();
  const predictions = scored.map((row) => rank(model, row.text, index));
  const truth = scored.map((row) => index.get(row.templateId) ?? 0);
  const report = classificationReport(labels, truth, predictions);
  const answered = predictions.filter((p) => p.confidence >= model.threshold);
  const answeredRight = predictions.filter(
    (p, i) => p.confidence >= model.threshold && p.ranked[0] === truth[i],
  ).length;
  const names = await inTenant(({ tx }) =>
    tx
      .select({ id: templates.id, name: templates.name })
      .from(templates)
      .where(inArray(templates.id, labels)),
  );
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const named = (label: string) => nameOf.get(label) ?? label;
  return {
    versionId: id,
    version,
    rows: input.rows.length,
    scored: scored.length,
    unmatched: [...unmatched].map(([label, count]) => ({ label, count })),
    top1: report.top1,
    top3: report.top3,
    macroF1: report.macroF1,
    threshold: model.threshold,
    coverage: answered.length / scored.length,
    answeredPrecision: answered.length ? answeredRight / answered.length : 0,
    predictMsPerRow: (performance.now() - started) / scored.length,
    perTemplate: report.perLabel
      .filter((l) => l.support > 0)
      .map((l) => ({ ...l, name: named(l.label) })),
    confusedPairs: report.confusedPairs.map((p) => ({
      truth: named(p.truth),
      predicted: named(p.predicted),
      count: p.count,
    })),
  };
}

/** Runs the workspace's scenarios against a version and keeps every result. */
export async function runScenariosOnVersion(scope: TenantScope, input: { versionId: string }) {
  const { id, model } = await loadVersionModel(scope, input.versionId);
  const scenarios = await scenariosForModel(scope.tx);
  if (scenarios.length === 0) {
    throw new AppError("PRECONDITION_FAILED", "There are no scenarios to run: add some first");
  }
  const run = runScenarios(model, scenarios);
  const runId = await recordScenarioRun(
    scope.tx,
    scope.workspace.id,
    id,
    run,
    scopeActorLabel(scope.actor),
  );
  await scope.audit({
    action: "model.scenarios_run",
    entityType: "model_version",
    entityId: id,
    summary: { scenarios: scenarios.length, top1: run.overall.top1 },
  });
  return { runId, overall: run.overall, byDifficulty: run.byDifficulty };
}
