/**
 * The conversation-analysis job (definition: server/jobs/definitions/conversation-analysis.ts):
 * load → predict → cluster → patterns → insights → save, progress 0–100 with the step. A run
 * that cannot succeed (its dataset is gone, a failure on the last attempt) is marked failed with
 * its error (so is one whose computation threw in the worker: it would throw again); a
 * transient failure before the last attempt (a database error, the worker dying, a timeout)
 * leaves it running for the retry.
 */
import { pluralize } from "@/lib/format";
import { defaultAiRegistry } from "@/server/ai/registry";
import { AppError } from "@/server/errors";
import { JobCancelledError, type JobHandler, PermanentJobError } from "@/server/jobs/define-job";
import type { ConversationAnalysisPayload } from "@/server/jobs/definitions/conversation-analysis";
import { AnalysisComputeError } from "./compute-in-worker";
import { insightStep } from "./insights-step";
import { ANALYSIS_STEPS, executeAnalysis } from "./run";
import { failRun } from "./save";

export const runConversationAnalysisJob: JobHandler<ConversationAnalysisPayload> = async (
  context,
  payload,
) => {
  try {
    const result = await executeAnalysis({
      workspaceId: payload.workspaceId,
      runId: payload.runId,
      signal: context.signal,
      inTenant: (fn) => context.run((scope) => fn(scope.tx)),
      insights: insightStep({
        registry: defaultAiRegistry(),
        workspaceId: payload.workspaceId,
        inTenant: (fn) => context.run((scope) => fn(scope.tx)),
        signal: context.signal,
      }),
      progress: (percent, step, message) =>
        context.progress(percent, message, {
          step: ANALYSIS_STEPS.indexOf(step) + 1,
          steps: ANALYSIS_STEPS.length,
        }),
    });
    if (!result) {
      await context.progress(100, "The run had already finished");
      return { runId: payload.runId, resumed: true };
    }
    await context.progress(
      100,
      `Analysed ${pluralize(result.messages, "message")}: ${pluralize(result.gaps, "gap")}, ${pluralize(result.patterns, "topic")}, ${pluralize(result.insights, "insight")}`,
      { step: ANALYSIS_STEPS.length, steps: ANALYSIS_STEPS.length },
    );
    return { runId: payload.runId, ...result };
  } catch (error) {
    const permanent =
      error instanceof AppError ||
      error instanceof AnalysisComputeError ||
      error instanceof PermanentJobError ||
      error instanceof JobCancelledError;
    if (permanent || context.lastAttempt) {
      const message = error instanceof Error ? error.message : String(error);
      await context.run((scope) => failRun(scope.tx, payload.runId, message));
      if (error instanceof AppError || error instanceof AnalysisComputeError) {
        throw new PermanentJobError(message);
      }
    }
    throw error;
  }
};
