/**
 * The model-training job (definition: server/jobs/definitions/model-training.ts).
 *
 * 1 validate — load the examples and check there is something to learn (no writes); when the
 *   workspace's "AI embeddings as model features" switch is on, embed the example texts
 *   (../embedding-features.ts, outside any transaction; a failure trains without them and says so);
 * 2 featurize, 3 train, 4 evaluate — trainInWorker, off this process's event loop: TF-IDF,
 *   softmax fit, held-out report, temperature and threshold, re-fit on every row; then the
 *   workspace's scenarios against the trained model;
 * 5 ready — one ledger step writes the version, its scenario run and (on request) the deploy.
 *
 * Nothing is written before step 5, so a worker killed mid-training leaves nothing behind and
 * the retry trains again; a worker killed after step 5 committed finds the version on retry
 * (the ledger row and the unique job id both say so) and finishes without writing twice.
 */
import { eq, inArray } from "drizzle-orm";
import { jobRuns, modelVersions, templates } from "@/db/schema";
import { formatCount, pluralize } from "@/lib/format";
import { type AiRegistry, defaultAiRegistry } from "@/server/ai/registry";
import { type JobHandler, PermanentJobError } from "@/server/jobs/define-job";
import type { ModelTrainingPayload } from "@/server/jobs/definitions/model-training";
import { log } from "@/server/logger";
import { packDigests } from "@/server/training/versions/training-hashes";
import { embeddingFeatures } from "../embedding-features";
import { runScenarios } from "../evaluation/scenarios";
import { loadTrainingExamples } from "../examples/store";
import { deserializeModelAsync } from "../model/serialize";
import { DEFAULT_TRAINING, TrainingCancelled, type TrainingStage } from "../model/train";
import { trainInWorker } from "../model/train-in-worker";
import { recordScenarioRun, scenariosForModel } from "../scenarios/store";
import { deployVersion } from "../versions/deployed";
import { type VersionHeadline, versionMetrics } from "../versions/metrics";
import { createModelVersion } from "../versions/store";
import { TRAINING_STEPS } from "./steps";
import { validateExamples } from "./validate";

const STEPS = TRAINING_STEPS.length;
const STEP_OF: Record<TrainingStage, number> = { featurize: 2, train: 3, evaluate: 4, refit: 4 };

/** The job with its AI providers (tests pass a mock registry); the server's by default. */
export function makeModelTrainingJob(
  deps: { ai: () => AiRegistry } = { ai: defaultAiRegistry },
): JobHandler<ModelTrainingPayload> {
  return (context, payload) => runTraining(deps.ai, context, payload);
}

export const runModelTrainingJob: JobHandler<ModelTrainingPayload> = makeModelTrainingJob();

const runTraining = async (
  ai: () => AiRegistry,
  ...[context, payload]: Parameters<JobHandler<ModelTrainingPayload>>
) => {
  const started = performance.now();
  const already = await context.run(({ tx }) =>
    tx
      .select({ id: modelVersions.id, version: modelVersions.version })
      .from(modelVersions)
      .where(eq(modelVersions.jobId, context.jobId)),
  );
  if (already[0]) return { versionId: already[0].id, version: already[0].version, resumed: true };

  // A retry (after a crash or a cancel) never shows the bar going backwards: it holds at the
  // last attempt's figure until this attempt passes it.
  const floor =
    context.attempt > 1
      ? ((
          await context.run(({ tx }) =>
            tx
              .select({ progress: jobRuns.progress })
              .from(jobRuns)
              .where(eq(jobRuns.id, context.jobId)),
          )
        )[0]?.progress ?? 0)
      : 0;
  const report = (percent: number, message: string, data: Record<string, unknown>) =>
    context.progress(Math.max(floor, percent), message, data);
  await report(1, "Validating the training data", { step: 1, steps: STEPS });
  const loaded = await context.run(async ({ tx }) => {
    const examples = await loadTrainingExamples(tx, { datasetIds: payload.datasetIds });
    const scenarios = await scenariosForModel(tx);
    const ids = [...new Set(examples.map((e) => e.templateId))];
    const names =
      ids.length > 0
        ? await tx
            .select({ id: templates.id, name: templates.name })
            .from(templates)
            .where(inArray(templates.id, ids))
        : [];
    return { examples, scenarios, names };
  });
  const check = validateExamples(loaded.examples);
  if (!check.ok) throw new PermanentJobError(check.reason);
  await report(5, check.summary, {
    step: 1,
    steps: STEPS,
    examples: check.examples,
    templates: check.templates,
    scenarios: loaded.scenarios.length,
  });

  // Issue #12 §6: provider embeddings as extra features, when the workspace asks for them.
  const dense = await embeddingFeatures(
    {
      registry: ai(),
      workspaceId: context.workspaceId,
      inTenant: (fn) => context.run(({ tx }) => fn(tx)),
      signal: context.signal,
    },
    check.rows.map((e) => e.text),
  );
  if (dense.status === "failed") {
    log.warn("training without AI embedding features", {
      workspaceId: context.workspaceId,
      jobId: context.jobId,
      reason: dense.reason,
    });
    await report(5, `Training without AI embeddings: ${dense.reason}`, { step: 1, steps: STEPS });
  } else if (dense.status === "ready") {
    await report(5, `Embedded ${check.examples} examples with ${dense.extraDense.model}`, {
      step: 1,
      steps: STEPS,
      embeddingCalls: dense.calls,
    });
  }
  const embeddingSummary =
    dense.status === "ready"
      ? { model: dense.extraDense.model, dims: dense.extraDense.vectors[0]?.length ?? 0 }
      : dense.status === "failed"
        ? { failed: dense.reason }
        : "off";

  // Progress reports are written one after another; a cancelled job makes progress() throw,
  // which aborts context.signal and with it the worker thread.
  let chain = Promise.resolve();
  let lastStep = 1;
  const artefact = await trainInWorker(
    check.rows.map((e) => ({ text: e.text, label: e.templateId })),
    DEFAULT_TRAINING,
    {
      signal: context.signal,
      ...(dense.status === "ready" ? { extraDense: dense.extraDense } : {}),
      onProgress: ({ stage, fraction, etaSeconds, message }) => {
        const step = Math.max(lastStep, STEP_OF[stage]);
        lastStep = step;
        const label = stage === "refit" ? `re-fit on all ${check.examples} examples: ` : "";
        chain = chain
          .then(() =>
            report(5 + fraction * 85, `${TRAINING_STEPS[step - 1]}: ${label}${message}`, {
              step,
              steps: STEPS,
              stage,
              etaSeconds: etaSeconds === null ? null : Math.ceil(etaSeconds + 1),
              examples: check.examples,
              templates: check.templates,
            }),
          )
          .catch(() => undefined);
      },
    },
  ).catch((error: unknown) => {
    if (error instanceof TrainingCancelled && context.signal.aborted) throw context.signal.reason;
    throw error;
  });
  await chain;

  await report(90, `evaluate: running ${loaded.scenarios.length} scenarios`, {
    step: 4,
    steps: STEPS,
  });
  // In slices: this process serves requests too (the job runner is the web process by default).
  const model = await deserializeModelAsync(artefact.bytes);
  const scenarioRun = loaded.scenarios.length > 0 ? runScenarios(model, loaded.scenarios) : null;
  const names = Object.fromEntries(loaded.names.map((n) => [n.id, n.name]));
  const metrics = versionMetrics(
    artefact.metrics,
    artefact.labels,
    artefact.threshold,
    scenarioRun,
    names,
  );

  await report(95, "ready: saving the model version", { step: 5, steps: STEPS });
  await context.step(1, async (scope) => {
    const actor = payload.actor;
    const version = await createModelVersion(scope.tx, scope.workspace.id, {
      jobId: context.jobId,
      config: {
        ...DEFAULT_TRAINING,
        datasetIds: payload.datasetIds,
        scenariosInTraining: payload.scenariosInTraining,
        embeddingFeatures: embeddingSummary,
      },
      labels: artefact.labels,
      metrics,
      threshold: artefact.threshold,
      artifact: artefact.bytes,
      exampleCount: check.examples,
      trainingTextHashes: packDigests(check.rows.map((row) => row.textHash)),
      createdBy: actor.type === "user" ? actor.userId : null,
      createdByLabel: actor.label,
    });
    if (!version.created) return;
    if (scenarioRun) {
      await recordScenarioRun(scope.tx, scope.workspace.id, version.id, scenarioRun, actor.label);
    }
    await scope.audit({
      action: "model.train",
      entityType: "model_version",
      entityId: version.id,
      summary: { version: version.version, jobId: context.jobId, examples: check.examples },
    });
    if (payload.deploy) {
      await deployVersion(scope, version.id, "deploy");
      // The deployed model's first look at recent inbox messages (gaps, patterns, insights).
      // Imported late: the analysis service itself loads models through server/training.
      const { enqueueAnalysisAfterDeploy } = await import("@/server/analysis/service/schedule");
      await enqueueAnalysisAfterDeploy(scope);
    }
  });
  const [row] = await context.run(({ tx }) =>
    tx
      .select({ id: modelVersions.id, version: modelVersions.version })
      .from(modelVersions)
      .where(eq(modelVersions.jobId, context.jobId)),
  );
  if (!row) throw new Error("the model version was not written");
  // The run's last word, shown in the jobs list and the log: what it made, not "saving".
  await report(100, trainingSummary(row.version, check, metrics.headline, payload.deploy), {
    step: 5,
    steps: STEPS,
    examples: check.examples,
    templates: check.templates,
  });
  return {
    versionId: row.id,
    version: row.version,
    examples: check.examples,
    templates: check.templates,
    top1: metrics.headline.top1,
    scenarioTop1: metrics.headline.scenarioTop1,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
};

/** "Saved v3: 4,448 examples for 27 templates, top-1 99.4% on 889 held-out rows, deployed". */
export function trainingSummary(
  version: number,
  counts: { examples: number; templates: number },
  headline: Pick<VersionHeadline, "top1" | "heldOutRows">,
  deployed: boolean,
): string {
  const heldOut =
    headline.top1 === null
      ? "no held-out evaluation"
      : `top-1 ${(headline.top1 * 100).toFixed(1)}% on ${formatCount(headline.heldOutRows)} held-out rows`;
  return `Saved v${version}: ${pluralize(counts.examples, "example")} for ${pluralize(counts.templates, "template")}, ${heldOut}${deployed ? ", deployed" : ""}`;
}
