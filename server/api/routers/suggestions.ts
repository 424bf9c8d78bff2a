import { getDatabase } from "@/db";
import { readInTenant } from "@/db/tenant-read";
import { settledSuggestion } from "@/server/suggestions/event-buffer";
import { recordFeedback } from "@/server/suggestions/past-choices";
import { suggestForMessage } from "@/server/suggestions/suggest";
import { parsedSynchronously } from "@/server/validation/sync-parse";
import { createTRPCRouter, workspaceActionProcedure, workspaceQueryProcedure } from "../trpc";
import { feedbackInput, forMessageInput, forMessageOutput } from "./suggestions.schema";

const userIdOf = (actor: { type: string; userId?: string }) =>
  actor.type === "user" && actor.userId ? actor.userId : null;

export const suggestionsRouter = createTRPCRouter({
  /**
   * Ranked templates for a customer message, pre-filled. A query that records its answer (so
   * feedback can refer to it); costs 3 rate-limit tokens for API keys (model, triggers, render).
   * Holds no transaction while patterns run (workspaceQueryProcedure). Input and output are
   * validated with zod's synchronous, compiled parser (sync-parse.ts): same checks, half
   * the time.
   */
  forMessage: workspaceQueryProcedure
    .meta({ cost: 3 })
    .input(parsedSynchronously(forMessageInput))
    .output(parsedSynchronously(forMessageOutput))
    .query(({ ctx, input }) =>
      suggestForMessage(
        {
          workspace: ctx.workspace,
          userId: userIdOf(ctx.actor),
          inTenant: (fn) => ctx.inTenant((scope) => fn(scope.tx)),
          // The workspace the caller was admitted to (workspaceQueryProcedure), RLS-scoped.
          readInTenant: (fn) => readInTenant(ctx.db, ctx.workspace.id, fn),
          listen: async () => (await getDatabase()).listen,
          ai: ctx.ai,
        },
        input,
        ctx.regexBudget,
      ),
    ),

  /**
   * What the agent used; agents' choices rank templates for similar messages and train the next
   * model. The suggestion's event may still be queued in this process (event-buffer.ts): it is
   * written before the feedback's transaction opens — inside it, on PGlite's single connection,
   * the queued write could never run.
   */
  feedback: workspaceActionProcedure
    .input(parsedSynchronously(feedbackInput))
    .mutation(async ({ ctx, input }) => {
      await settledSuggestion(input.suggestionId);
      // Usage, not a configuration change: no audit row (DESIGN.md, "Events, not counters").
      return ctx.inTenant((scope) =>
        recordFeedback(scope.tx, {
          workspaceId: ctx.workspace.id,
          suggestionId: input.suggestionId,
          chosenTemplateId: input.chosenTemplateId,
          decidedBy: userIdOf(ctx.actor),
        }),
      );
    }),
});
