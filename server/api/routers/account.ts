import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { changePassword } from "@/server/auth/change-password";
import { listSessions, revokeAllSessions, revokeSession } from "@/server/auth/sessions";
import { notFound } from "@/server/errors";
import { safeSecret } from "@/server/validation/text";
import { passwordSchema } from "@/server/workspaces/schemas";
import { authedProcedure, createTRPCRouter } from "../trpc";

/** The signed-in person's own account: sessions and password. Never an API key's business. */
const personProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.actor.type !== "user") {
    throw new TRPCError({ code: "FORBIDDEN", message: "API keys have no account settings" });
  }
  return next({ ctx: { ...ctx, user: ctx.actor } });
});

export const accountRouter = createTRPCRouter({
  sessions: personProcedure.query(({ ctx }) =>
    listSessions(ctx.db, ctx.user.userId, ctx.sessionId),
  ),

  revokeSession: personProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      if (!(await revokeSession(ctx.db, ctx.user.userId, input.id))) throw notFound("Session");
      return { id: input.id, current: input.id === ctx.sessionId };
    }),

  /** Ends every session of this user, this browser's included. */
  signOutEverywhere: personProcedure.mutation(async ({ ctx }) => ({
    endedSessions: await revokeAllSessions(ctx.db, ctx.user.userId),
  })),

  changePassword: personProcedure
    .input(
      z.object({
        currentPassword: safeSecret({
          max: 200,
          min: 1,
          label: "The current password",
          tooShort: "Enter your current password",
        }),
        newPassword: passwordSchema,
      }),
    )
    .mutation(({ ctx, input }) =>
      changePassword(
        ctx.db,
        { userId: ctx.user.userId, sessionId: ctx.sessionId, ip: ctx.ip },
        input,
      ),
    ),
});
