import { z } from "zod";
import { basePayloadSchema, defineJob } from "../define-job";

const day = z.iso.date();

/** Days to recompute (UTC, inclusive); without them, the pending range (server/analytics/rollup). */
export const analyticsRollupPayload = basePayloadSchema.extend({
  from: day.optional(),
  to: day.optional(),
});
export type AnalyticsRollupPayload = z.infer<typeof analyticsRollupPayload>;

/**
 * Recomputes a workspace's daily analytics roll-ups. Enqueued every ten minutes by the workers'
 * scheduler (server/jobs/scheduler.ts) for workspaces with new usage events, and on demand
 * (analytics.backfill) for a chosen range; one per workspace at a time.
 */
export const analyticsRollupJob = defineJob({
  name: "analytics-rollup",
  title: "Analytics roll-up",
  payload: analyticsRollupPayload,
  handler: async () => (await import("@/server/analytics/rollup-job")).runAnalyticsRollupJob,
  timeoutSeconds: 10 * 60,
  retryLimit: 3,
  retryDelaySeconds: 60,
  singletonKey: (payload) => payload.workspaceId,
  batchSize: 5,
});
