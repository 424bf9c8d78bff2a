import { z } from "zod";
import { basePayloadSchema, defineJob } from "../define-job";

export const outboundReplyPayload = basePayloadSchema.extend({ messageId: z.uuid() });
export type OutboundReplyPayload = z.infer<typeof outboundReplyPayload>;

/**
 * An agent's reply delivered to the workspace's outbound webhook, signed like the inbound one,
 * once the reply has committed; a help desk that is down is retried with growing delays.
 */
export const outboundReplyJob = defineJob({
  name: "inbox-outbound-reply",
  title: "Reply to help desk",
  payload: outboundReplyPayload,
  handler: async () => (await import("@/server/inbox/outbound-handler")).deliverReplyJob,
  timeoutSeconds: 60,
  // 5 s, 10 s, 20 s, … about ten minutes in all.
  retryLimit: 7,
  retryDelaySeconds: 5,
  singletonKey: (payload) => payload.messageId,
  batchSize: 10,
  concurrency: 2,
});
