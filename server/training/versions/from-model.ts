import type { ScenarioRun } from "../evaluation/scenarios";
import type { IntentModel } from "../model/model";
import { serializeModel } from "../model/serialize";
import { versionMetrics } from "./metrics";
import type { NewModelVersion } from "./store";

/**
 * The version row of a model trained in this process — the demo seed, test fixtures, benches.
 * (The training job builds its own from the worker's artefact: its config also names datasets.)
 * It serialises the model unless given the bytes: call it before opening a transaction.
 */
export function versionFromModel(
  model: IntentModel,
  input: {
    exampleCount: number;
    jobId?: string | null;
    createdByLabel?: string;
    scenarioRun?: ScenarioRun | null;
    /** Template id → name at training time (shown with the metrics); default none. */
    templateNames?: Record<string, string>;
    trainingTextHashes?: Uint8Array | null;
    /** serializeModel(model) when the caller has it (serialising is CPU work: outside transactions). */
    artifact?: Uint8Array;
  },
): NewModelVersion {
  return {
    jobId: input.jobId ?? null,
    config: model.config,
    labels: model.labels,
    metrics: versionMetrics(
      model.metrics,
      model.labels,
      model.threshold,
      input.scenarioRun ?? null,
      input.templateNames ?? {},
    ),
    threshold: model.threshold,
    artifact: input.artifact ?? serializeModel(model),
    exampleCount: input.exampleCount,
    ...(input.trainingTextHashes === undefined
      ? {}
      : { trainingTextHashes: input.trainingTextHashes }),
    createdBy: null,
    createdByLabel: input.createdByLabel ?? "system",
  };
}
