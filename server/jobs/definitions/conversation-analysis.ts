import { z } from "zod";
import { basePayloadSchema, defineJob } from "../define-job";

/** The run row (analysis_runs) says what to analyse: a dataset or a period of the inbox. */
export const conversationAnalysisPayload = basePayloadSchema.extend({ runId: z.uuid() });
export type ConversationAnalysisPayload = z.infer<typeof conversationAnalysisPayload>;

/**
 * Conversation analysis (issue #15): load → predict → cluster → patterns → insights → save.
 * Enqueued by `analysis.start` and nightly by the workers' scheduler for workspaces with new
 * inbox messages (server/jobs/scheduler.ts). Nothing is written before the last step, which
 * saves the run, its gaps, patterns and insights in one transaction; one run per workspace at
 * a time.
 */
export const conversationAnalysisJob = defineJob({
  name: "conversation-analysis",
  title: "Conversation analysis",
  payload: conversationAnalysisPayload,
  handler: async () =>
    (await import("@/server/analysis/service/job-handler")).runConversationAnalysisJob,
  timeoutSeconds: 30 * 60,
  retryLimit: 2,
  retryDelaySeconds: 10,
  singletonKey: (payload) => payload.workspaceId,
  batchSize: 1,
});
