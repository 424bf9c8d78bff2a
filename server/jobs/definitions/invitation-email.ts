import { z } from "zod";
import { basePayloadSchema, defineJob } from "../define-job";

export const invitationEmailPayload = basePayloadSchema.extend({
  invitationId: z.uuid(),
  /** Holds the token: pg-boss's job table is readable by the schema owner only (migration pgboss_schema). */
  inviteUrl: z.url(),
  inviterName: z.string().nullable(),
});
export type InvitationEmailPayload = z.infer<typeof invitationEmailPayload>;

/** The invitation e-mail, sent only once its invitation has committed; SMTP failures retry. */
export const invitationEmailJob = defineJob({
  name: "invitation-email",
  title: "Invitation e-mail",
  payload: invitationEmailPayload,
  handler: async () =>
    (await import("@/server/workspaces/invitation-email-handler")).sendInvitationJob,
  timeoutSeconds: 60,
  // 30 s, 1 min, 2 min, 4 min, 8 min, 16 min: a mail server that is down for half an hour.
  retryLimit: 6,
  retryDelaySeconds: 30,
  singletonKey: (payload) => payload.invitationId,
  batchSize: 5,
});
