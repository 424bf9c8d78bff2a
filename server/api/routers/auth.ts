import { z } from "zod";
import { safeSecret } from "@/server/validation/text";
import { acceptInvitation, describeInvitation } from "@/server/workspaces/accept-invitation";
import { passwordSchema, personNameSchema } from "@/server/workspaces/schemas";
import { signUp, signUpSchema } from "@/server/workspaces/sign-up";
import { createTRPCRouter, publicProcedure } from "../trpc";

const tokenSchema = safeSecret({ max: 200, min: 16, label: "The invitation link" });

export const authRouter = createTRPCRouter({
  signUp: publicProcedure
    .input(signUpSchema)
    .mutation(({ ctx, input }) => signUp(ctx.db, input, { ip: ctx.ip, origin: ctx.origin })),

  invitation: publicProcedure
    .input(z.object({ token: tokenSchema }))
    .query(({ ctx, input }) => describeInvitation(ctx.db, input.token)),

  acceptInvitation: publicProcedure
    .input(
      z.object({
        token: tokenSchema,
        name: personNameSchema.optional(),
        password: passwordSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      acceptInvitation(ctx.db, input, { actor: ctx.actor, ip: ctx.ip }),
    ),
});
