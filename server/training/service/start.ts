/**
 * Starting a training run (`training.start`, `trainOnScenarios`, the CLI `train`): enqueues the
 * model-training job inside the caller's tenant transaction, so the job exists only if the
 * request committed. One run per workspace at a time (the job's singleton key).
 */
import { AppError } from "@/server/errors";
import { modelTrainingJob } from "@/server/jobs/definitions/model-training";
import { enqueueJob, jobActorOf } from "@/server/jobs/enqueue";
import type { TenantScope } from "@/server/workspaces/scope";
import { notEnoughToTrain } from "../jobs/validate";
import { addScenariosToTrainingData } from "../scenarios/store";
import { nextRunExamples } from "./overview";

export interface StartTrainingInput {
  datasetIds?: string[];
  deploy?: boolean;
  /** Add the workspace's scenarios to the training data first (`trainOnScenarios`). */
  includeScenarios?: boolean;
}

export async function startTraining(scope: TenantScope, input: StartTrainingInput) {
  let scenarioExamples = 0;
  if (input.includeScenarios) {
    const added = await addScenariosToTrainingData(scope.tx, scope.workspace.id);
    scenarioExamples = added.inserted;
  }
  // Said at once rather than by a job that fails a second later: the same rule as the job's
  // validation, on counts (the job validates the rows again: examples can change meanwhile).
  const next = await nextRunExamples(scope.tx, input.datasetIds);
  if (next.templates < 2) {
    throw new AppError("PRECONDITION_FAILED", notEnoughToTrain(next.all, next.templates));
  }
  const queued = await enqueueJob(scope, modelTrainingJob, {
    workspaceId: scope.workspace.id,
    actor: jobActorOf(scope.actor),
    datasetIds: input.datasetIds ?? [],
    deploy: input.deploy ?? false,
    scenariosInTraining: input.includeScenarios ?? false,
  });
  if (!queued) {
    throw new AppError("CONFLICT", "A training run is already queued or running in this workspace");
  }
  await scope.audit({
    action: "model.train_start",
    entityType: "job",
    entityId: queued.jobId,
    summary: {
      datasetIds: input.datasetIds ?? [],
      scenarioExamples,
      deploy: input.deploy ?? false,
    },
  });
  return { jobId: queued.jobId, scenarioExamples };
}
