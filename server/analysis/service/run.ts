/**
 * A conversation-analysis run: `startAnalysis` writes the run row ("running") and enqueues the
 * job in the caller's transaction; `executeAnalysis` (the job) reads in one short transaction,
 * computes outside any (in a worker thread: compute-in-worker.ts), narrates outside any, and
 * saves everything in one last transaction.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { analysisRuns, datasets } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import { conversationAnalysisJob } from "@/server/jobs/definitions/conversation-analysis";
import { enqueueJob, jobActorOf } from "@/server/jobs/enqueue";
import type { TenantScope } from "@/server/workspaces/scope";
import {
  type ComputedRun,
  type ComputeStage,
  namedSummary,
  periodOfMessages,
  templateIdsOf,
} from "./compute";
import { computeInWorker } from "./compute-in-worker";
import { type DeployedArtifact, readDeployedWithTraining } from "./model";
import { type StoredInsight, saveRunResults } from "./save";
import { type LoadedSource, loadDatasetSource, loadInboxSource, templateNames } from "./sources";
import { measureTrainingOverlap, trainingDataOfVersion } from "./training-overlap";

/** The inbox source reads at most this many (the most recent) customer messages. */
export const MAX_INBOX_MESSAGES = 100_000;
/** Default inbox period: the last seven UTC days, today included. */
export const DEFAULT_INBOX_DAYS = 7;

const DAY_MS = 86_400_000;
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

export interface StartAnalysisInput {
  source: "dataset" | "inbox";
  datasetId?: string;
  /** Whole UTC days, both included. */
  from?: string;
  to?: string;
}

/** [from 00:00, day after to 00:00) of the input, or the default last days up to `now`. */
export function inboxPeriod(input: { from?: string; to?: string }, now = new Date()) {
  const to = input.to ?? isoDay(now);
  const from =
    input.from ?? isoDay(new Date(dayStart(to).getTime() - (DEFAULT_INBOX_DAYS - 1) * DAY_MS));
  return { from: dayStart(from), to: new Date(dayStart(to).getTime() + DAY_MS) };
}

/** Null when a run of this workspace is already queued or running (the job's singleton key). */
export async function enqueueAnalysis(
  scope: Pick<TenantScope, "tx" | "workspace" | "actor">,
  input: StartAnalysisInput,
  now = new Date(),
): Promise<{ runId: string; jobId: string } | null> {
  if (input.source === "dataset") {
    if (!input.datasetId) throw new AppError("BAD_REQUEST", "A dataset analysis needs datasetId");
    const [dataset] = await scope.tx
      .select({ status: datasets.status, kind: datasets.kind })
      .from(datasets)
      .where(eq(datasets.id, input.datasetId));
    if (!dataset) throw notFound("Dataset");
    if (dataset.kind === "knowledge") {
      throw new AppError("PRECONDITION_FAILED", "A knowledge dataset has no customer messages");
    }
    if (dataset.status !== "ready") {
      throw new AppError(
        "PRECONDITION_FAILED",
        "The dataset is not ready (still parsing, or failed)",
      );
    }
  }
  const period = input.source === "inbox" ? inboxPeriod(input, now) : null;
  const runId = randomUUID();
  const queued = await enqueueJob(scope, conversationAnalysisJob, {
    workspaceId: scope.workspace.id,
    actor: jobActorOf(scope.actor),
    runId,
  });
  if (!queued) return null;
  await scope.tx.insert(analysisRuns).values({
    id: runId,
    workspaceId: scope.workspace.id,
    source: input.source,
    datasetId: input.source === "dataset" ? (input.datasetId ?? null) : null,
    periodFrom: period?.from ?? null,
    periodTo: period?.to ?? null,
    status: "running",
    jobId: queued.jobId,
    createdBy: scope.actor.type === "user" ? scope.actor.userId : null,
  });
  return { runId, jobId: queued.jobId };
}

/** `analysis.start`: one run per workspace at a time; audited. */
export async function startAnalysis(scope: TenantScope, input: StartAnalysisInput) {
  const started = await enqueueAnalysis(scope, input);
  if (!started) {
    throw new AppError("CONFLICT", "An analysis is already queued or running in this workspace");
  }
  await scope.audit({
    action: "analysis.start",
    entityType: "analysis_run",
    entityId: started.runId,
    summary: { source: input.source, datasetId: input.datasetId ?? null, jobId: started.jobId },
  });
  return started;
}

export type AnalysisStep = "load" | "predict" | "cluster" | "patterns" | "insights" | "save";
export const ANALYSIS_STEPS: AnalysisStep[] = [
  "load",
  "predict",
  "cluster",
  "patterns",
  "insights",
  "save",
];

/** What the insights step gets: the run's computed results and the deployed version's metrics. */
export interface InsightStepInput {
  source: "dataset" | "inbox";
  label: string;
  computed: ComputedRun;
  names: ReadonlyMap<string, string>;
  artifact: DeployedArtifact | null;
}

export interface ExecuteDeps {
  workspaceId: string;
  runId: string;
  /** A short tenant transaction of the workspace. */
  inTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  progress: (percent: number, step: AnalysisStep, message: string) => Promise<void>;
  /** Ranked (and, with a provider, narrated) insights; called outside any transaction. */
  insights: (
    input: InsightStepInput,
  ) => Promise<{ insights: StoredInsight[]; warning: string | null }>;
  now?: () => Date;
  /** Cancellation and the job's timeout: terminates the computing worker. */
  signal?: AbortSignal;
}

const PROGRESS: Record<AnalysisStep, number> = {
  load: 2,
  predict: 15,
  cluster: 35,
  patterns: 60,
  insights: 80,
  save: 92,
};

/** Runs a started run to the end. Returns null when the run is no longer running (a retry). */
export async function executeAnalysis(deps: ExecuteDeps) {
  const started = performance.now();
  await deps.progress(PROGRESS.load, "load", "Loading the messages and the deployed model");
  const loaded = await deps.inTenant(async (tx) => {
    const [run] = await tx.select().from(analysisRuns).where(eq(analysisRuns.id, deps.runId));
    if (!run) throw notFound("Analysis run");
    if (run.status !== "running") return null;
    let source: LoadedSource;
    let period: { from: Date; to: Date } | null = null;
    if (run.source === "dataset" && run.datasetId) {
      source = await loadDatasetSource(tx, run.datasetId);
    } else {
      period =
        run.periodFrom && run.periodTo
          ? { from: run.periodFrom, to: run.periodTo }
          : inboxPeriod({}, deps.now?.() ?? new Date());
      source = await loadInboxSource(tx, period, MAX_INBOX_MESSAGES);
    }
    const deployed = await readDeployedWithTraining(tx);
    const training = deployed ? await trainingDataOfVersion(tx, deployed.training) : null;
    return { run, source, period, artifact: deployed?.artifact ?? null, training };
  });
  if (!loaded) return null;
  const { run, source, artifact } = loaded;
  const trainingOverlap =
    artifact && loaded.training
      ? await measureTrainingOverlap(source.messages, loaded.training, artifact.heldOutTop1)
      : null;
  const period = loaded.period ?? periodOfMessages(source.messages);
  await deps.progress(PROGRESS.predict, "predict", `Scoring ${source.messages.length} messages`);
  // Progress writes are chained in the order the worker announces its stages; the run waits
  // for the last one, so a failing write still fails the run.
  let reported = Promise.resolve();
  let reportFailure: { error: unknown } | null = null;
  const onStage = (stage: ComputeStage) => {
    if (stage !== "cluster" && stage !== "patterns") return;
    const message =
      stage === "cluster" ? "Clustering the not-confident messages" : "Finding recurring topics";
    // Caught at once: a rejection waiting for the worker would be an unhandled one.
    reported = reported
      .then(() => deps.progress(PROGRESS[stage], stage, message))
      .catch((error: unknown) => {
        reportFailure ??= { error };
      });
  };
  // The CPU part runs in a worker thread: the event loop of the process running the job (the
  // web server, with the in-process job worker) stays free.
  const computed = await computeInWorker(source.messages, artifact, period, {
    onStage,
    signal: deps.signal,
  });
  await reported;
  if (reportFailure) throw (reportFailure as { error: unknown }).error;
  const names = await deps.inTenant((tx) =>
    templateNames(tx, [...templateIdsOf(computed), ...(artifact?.labels ?? [])]),
  );
  await deps.progress(PROGRESS.insights, "insights", "Ranking the insights");
  const narrated = await deps.insights({
    source: run.source === "dataset" ? "dataset" : "inbox",
    label: source.label,
    computed,
    names,
    artifact,
  });
  await deps.progress(PROGRESS.save, "save", "Saving the results");
  const saved = await deps.inTenant((tx) =>
    saveRunResults(tx, deps.workspaceId, deps.runId, {
      messages: source.messages.length,
      unconfident: computed.unconfident,
      period,
      modelVersion: artifact?.version ?? null,
      trainingOverlap,
      summary: namedSummary(computed.summary, names),
      gaps: computed.gaps,
      patterns: computed.patterns,
      insights: narrated.insights,
      seconds: (performance.now() - started) / 1000,
    }),
  );
  return {
    saved,
    messages: source.messages.length,
    unconfident: computed.unconfident,
    gaps: computed.gaps.length,
    patterns: computed.patterns.length,
    insights: narrated.insights.length,
    warning: narrated.warning,
  };
}
