/**
 * Scenario runs: a workspace's test scenarios (customer message, expected label, difficulty)
 * scored against a model version. Every scenario keeps its own result (what was predicted, at
 * which rank the expected label came, whether the answer was confident), and the run is
 * summarised overall and per difficulty.
 */
import { type IntentModel, predict } from "../model/model";

export interface Scenario {
  /** Caller's id (e.g. the scenario row's id), echoed in the result. */
  id?: string;
  text: string;
  expectedLabel: string;
  /** Free-form ("easy", "hard", …); results are grouped by it. */
  difficulty: string;
}

export interface ScenarioResult {
  id?: string;
  text: string;
  expectedLabel: string;
  difficulty: string;
  predictedLabel: string | null;
  /** Calibrated probability of the predicted label. */
  confidence: number;
  confident: boolean;
  /** 1-based rank of the expected label among the top `depth` candidates, null when absent. */
  rank: number | null;
  /** Top-1 right and confident: what an agent would see as the suggestion. */
  passed: boolean;
  candidates: { label: string; probability: number }[];
}

export interface ScenarioGroup {
  count: number;
  top1: number;
  top3: number;
  passed: number;
}

export interface ScenarioRun {
  results: ScenarioResult[];
  overall: ScenarioGroup;
  byDifficulty: Record<string, ScenarioGroup>;
  /** Expected labels the model does not know (it can never pass those scenarios). */
  unknownLabels: string[];
}

function group(results: readonly ScenarioResult[]): ScenarioGroup {
  const n = results.length;
  const share = (test: (r: ScenarioResult) => boolean) => (n ? results.filter(test).length / n : 0);
  return {
    count: n,
    top1: share((r) => r.rank === 1),
    top3: share((r) => r.rank !== null && r.rank <= 3),
    passed: share((r) => r.passed),
  };
}

export function runScenarios(
  model: IntentModel,
  scenarios: readonly Scenario[],
  depth = 5,
): ScenarioRun {
  const known = new Set(model.labels);
  const results = scenarios.map((scenario): ScenarioResult => {
    const prediction = predict(model, scenario.text, depth);
    const top = prediction.candidates[0];
    const index = prediction.candidates.findIndex((c) => c.label === scenario.expectedLabel);
    const rank = index >= 0 ? index + 1 : null;
    return {
      ...(scenario.id === undefined ? {} : { id: scenario.id }),
      text: scenario.text,
      expectedLabel: scenario.expectedLabel,
      difficulty: scenario.difficulty,
      predictedLabel: top?.label ?? null,
      confidence: top?.probability ?? 0,
      confident: prediction.confident,
      rank,
      passed: rank === 1 && prediction.confident,
      candidates: prediction.candidates,
    };
  });
  const difficulties = [...new Set(results.map((r) => r.difficulty))].sort();
  return {
    results,
    overall: group(results),
    byDifficulty: Object.fromEntries(
      difficulties.map((d) => [d, group(results.filter((r) => r.difficulty === d))]),
    ),
    unknownLabels: [...new Set(scenarios.map((s) => s.expectedLabel))]
      .filter((l) => !known.has(l))
      .sort(),
  };
}
