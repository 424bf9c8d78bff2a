/**
 * What a model version stores in `metrics`: the held-out report of the training run, the
 * scenario run made right after training, and headline figures for lists and charts. Labels in
 * the reports are template ids; `templateNames` snapshots their names at training time so the
 * history reads well after a template is renamed or deleted.
 */
import type { ScenarioGroup, ScenarioRun } from "../evaluation/scenarios";
import type { ModelMetrics } from "../model/model";

export interface VersionHeadline {
  top1: number | null;
  top3: number | null;
  macroF1: number | null;
  heldOutRows: number;
  trainRows: number;
  labels: number;
  threshold: number;
  /** Share of held-out rows answered with a confident suggestion at the threshold. */
  coverage: number | null;
  answeredPrecision: number | null;
  scenarioCount: number;
  scenarioTop1: number | null;
  trainSeconds: number;
}

export interface VersionMetrics {
  headline: VersionHeadline;
  model: ModelMetrics;
  scenarios: {
    overall: ScenarioGroup;
    byDifficulty: Record<string, ScenarioGroup>;
    unknownLabels: string[];
  } | null;
  templateNames: Record<string, string>;
}

export function versionMetrics(
  model: ModelMetrics,
  labels: readonly string[],
  threshold: number,
  scenarios: ScenarioRun | null,
  templateNames: Record<string, string>,
): VersionMetrics {
  const report = model.heldOut?.report;
  const choice = model.heldOut?.thresholdChoice;
  return {
    headline: {
      top1: report?.top1 ?? null,
      top3: report?.top3 ?? null,
      macroF1: report?.macroF1 ?? null,
      heldOutRows: model.heldOut?.rows ?? 0,
      trainRows: model.trainRows,
      labels: labels.length,
      threshold,
      coverage: choice?.coverage ?? null,
      answeredPrecision: choice?.answeredPrecision ?? null,
      scenarioCount: scenarios?.overall.count ?? 0,
      scenarioTop1: scenarios && scenarios.overall.count > 0 ? scenarios.overall.top1 : null,
      trainSeconds: model.trainSeconds,
    },
    model,
    scenarios: scenarios
      ? {
          overall: scenarios.overall,
          byDifficulty: scenarios.byDifficulty,
          unknownLabels: scenarios.unknownLabels,
        }
      : null,
    templateNames,
  };
}

export interface TemplateChange {
  templateId: string;
  name: string;
  before: { precision: number; recall: number; f1: number; support: number } | null;
  after: { precision: number; recall: number; f1: number; support: number } | null;
  /** after.f1 − before.f1 (null when the template is only in one of them). */
  f1Delta: number | null;
}

/** Per-template changes from version `a` to version `b`, biggest F1 changes first. */
export function compareMetrics(a: VersionMetrics, b: VersionMetrics): TemplateChange[] {
  const pick = (m: VersionMetrics) =>
    new Map((m.model.heldOut?.report.perLabel ?? []).map((l) => [l.label, l]));
  const before = pick(a);
  const after = pick(b);
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const strip = (
    l: { precision: number; recall: number; f1: number; support: number } | undefined,
  ) => (l ? { precision: l.precision, recall: l.recall, f1: l.f1, support: l.support } : null);
  return ids
    .map((id) => {
      const x = strip(before.get(id));
      const y = strip(after.get(id));
      return {
        templateId: id,
        name: b.templateNames[id] ?? a.templateNames[id] ?? id,
        before: x,
        after: y,
        f1Delta: x && y ? y.f1 - x.f1 : null,
      };
    })
    .sort(
      (p, q) => Math.abs(q.f1Delta ?? 1) - Math.abs(p.f1Delta ?? 1) || p.name.localeCompare(q.name),
    );
}
