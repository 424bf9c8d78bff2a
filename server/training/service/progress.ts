/**
 * `getTrainingProgress`: a training job's state, its current step of five, counts, ETA and its
 * log (the job's events, oldest first). The live view streams the same events over SSE
 * (`/api/jobs/[id]/events`); this is the snapshot a page or the CLI starts from.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { jobEvents, jobRuns, modelVersions } from "@/db/schema";
import { notFound } from "@/server/errors";
import { modelTrainingJob } from "@/server/jobs/definitions/model-training";
import type { TenantScope } from "@/server/workspaces/scope";
import { TRAINING_STEPS } from "../jobs/steps";

export interface TrainingLogLine {
  id: number;
  kind: string;
  progress: number | null;
  message: string | null;
  step: number | null;
  etaSeconds: number | null;
  at: Date;
}

const jobColumns = {
  id: jobRuns.id,
  state: jobRuns.state,
  progress: jobRuns.progress,
  message: jobRuns.message,
  error: jobRuns.error,
  attempts: jobRuns.attempts,
  actorLabel: jobRuns.actorLabel,
  result: jobRuns.result,
  createdAt: jobRuns.createdAt,
  startedAt: jobRuns.startedAt,
  finishedAt: jobRuns.finishedAt,
};

interface ProgressData {
  step?: number;
  etaSeconds?: number | null;
  examples?: number;
  templates?: number;
}

export async function getTrainingProgress(scope: TenantScope, input: { jobId: string }) {
  const [job] = await scope.tx
    .select(jobColumns)
    .from(jobRuns)
    .where(
      and(
        eq(jobRuns.workspaceId, scope.workspace.id),
        eq(jobRuns.id, input.jobId),
        eq(jobRuns.name, modelTrainingJob.name),
      ),
    );
  if (!job) throw notFound("Training job");
  const events = await scope.tx
    .select()
    .from(jobEvents)
    .where(and(eq(jobEvents.workspaceId, scope.workspace.id), eq(jobEvents.jobId, input.jobId)))
    .orderBy(asc(jobEvents.id))
    .limit(500);
  const log: TrainingLogLine[] = events.map((e) => {
    const data = (e.data ?? {}) as { step?: unknown; etaSeconds?: unknown };
    return {
      id: e.id,
      kind: e.kind,
      progress: e.progress,
      message: e.message,
      step: typeof data.step === "number" ? data.step : null,
      etaSeconds: typeof data.etaSeconds === "number" ? data.etaSeconds : null,
      at: e.createdAt,
    };
  });
  const progressData = events
    .filter((e) => e.kind === "progress")
    .map((e) => (e.data ?? {}) as ProgressData);
  const data = progressData.at(-1) ?? {};
  // The counts are announced by validation and repeated by some later reports only (runs from
  // before the closing "Saved vN" report ended on one without them): the latest that has them.
  const latestCount = (key: "examples" | "templates") =>
    progressData.findLast((d) => typeof d[key] === "number")?.[key] ?? null;
  const done = job.state === "completed";
  const [version] = await scope.tx
    .select({ id: modelVersions.id, version: modelVersions.version })
    .from(modelVersions)
    .where(eq(modelVersions.jobId, input.jobId));
  return {
    job,
    steps: TRAINING_STEPS,
    step: done ? TRAINING_STEPS.length : (data.step ?? 0),
    etaSeconds: done ? 0 : (data.etaSeconds ?? null),
    examples: latestCount("examples"),
    templates: latestCount("templates"),
    version: version ?? null,
    log,
  };
}

/** The workspace's training jobs, newest first. */
export async function listTrainingJobs(scope: TenantScope, input: { limit: number }) {
  return scope.tx
    .select(jobColumns)
    .from(jobRuns)
    .where(
      and(eq(jobRuns.workspaceId, scope.workspace.id), eq(jobRuns.name, modelTrainingJob.name)),
    )
    .orderBy(desc(jobRuns.createdAt))
    .limit(input.limit);
}
