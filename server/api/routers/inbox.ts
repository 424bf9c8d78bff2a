import { addNote, assign, sendReply, setStatus } from "@/server/inbox/actions";
import {
  countConversations,
  getConversation,
  listAssignees,
  listConversations,
} from "@/server/inbox/conversations";
import { draftInput, draftOutput, draftReply } from "@/server/inbox/draft";
import { ingestBatch } from "@/server/inbox/ingest";
import {
  assignInput,
  idInput,
  ingestInput,
  ingestOutput,
  listInput,
  noteInput,
  sendInput,
  settingsInput,
  statusInput,
} from "@/server/inbox/schemas";
import { readInboxSettings, rotateWebhookSecret, setOutboundUrl } from "@/server/inbox/settings";
import { listUsageEvents } from "@/server/inbox/usage-events";
import {
  adminProcedure,
  createTRPCRouter,
  humanAdminProcedure,
  workspaceActionProcedure,
  workspaceProcedure,
} from "../trpc";
import { AI_CALL_COST } from "./template-optimize";

/**
 * The agent inbox (issue #13). `ingest` is how a help desk pushes conversations in with a write
 * key (the signed webhook route takes the same batches); the rest is the agent's inbox.
 */
export const inboxRouter = createTRPCRouter({
  /** Up to 500 messages per call, idempotent on external ids. Costs 5 rate-limit tokens. */
  ingest: workspaceProcedure
    .meta({ cost: 5 })
    .input(ingestInput)
    .output(ingestOutput)
    .mutation(async ({ ctx, input }) => {
      const result = await ingestBatch(ctx, input);
      // As the signed webhook does: the counts, so the audit log says what arrived.
      await ctx.audit({
        action: "inbox.ingest",
        entityType: "inbox",
        summary: { source: input.source, received: result.received, stored: result.stored },
      });
      return result;
    }),

  list: workspaceProcedure
    .input(listInput.default({ filter: "open", limit: 50 }))
    .query(({ ctx, input }) => listConversations(ctx, input)),

  counts: workspaceProcedure.query(({ ctx }) => countConversations(ctx)),

  get: workspaceProcedure.input(idInput).query(({ ctx, input }) => getConversation(ctx, input.id)),

  assignees: workspaceProcedure.query(({ ctx }) => listAssignees(ctx)),

  send: workspaceProcedure.input(sendInput).mutation(({ ctx, input }) => sendReply(ctx, input)),

  note: workspaceProcedure.input(noteInput).mutation(({ ctx, input }) => addNote(ctx, input)),

  setStatus: workspaceProcedure
    .input(statusInput)
    .mutation(({ ctx, input }) => setStatus(ctx, input)),

  /** The conversation's append-only usage events (suggestions shown/chosen, sends, outcome). */
  usageEvents: workspaceProcedure
    .input(idInput)
    .query(({ ctx, input }) => listUsageEvents(ctx.tx, input.id)),

  /**
   * A grounded AI draft (or, with no provider, the closest FAQ answers) for the agent to check.
   * Never sends. The provider is called outside any tenant transaction; costs as an AI call.
   */
  draft: workspaceActionProcedure
    .meta({ cost: AI_CALL_COST })
    .input(draftInput)
    .output(draftOutput)
    .mutation(({ ctx, input, signal }) =>
      draftReply(
        {
          workspaceId: ctx.workspace.id,
          inTenant: (fn) => ctx.inTenant((scope) => fn(scope.tx)),
          registry: ctx.ai,
          signal,
        },
        input,
      ),
    ),

  assign: workspaceProcedure.input(assignInput).mutation(({ ctx, input }) => assign(ctx, input)),

  settings: createTRPCRouter({
    get: adminProcedure.query(({ ctx }) => readInboxSettings(ctx.tx)),
    update: adminProcedure
      .input(settingsInput)
      .mutation(({ ctx, input }) => setOutboundUrl(ctx, input.outboundUrl)),
    /** People only: a leaked key must not be able to take over the webhook. */
    rotateSecret: humanAdminProcedure.mutation(({ ctx }) => rotateWebhookSecret(ctx)),
  }),
});
