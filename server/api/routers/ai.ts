import { z } from "zod";
import { aiSettingsInput, getAiSettings, updateAiSettings } from "@/server/ai/settings";
import { recentCalls, usageByDay, usedToday } from "@/server/ai/usage";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** Settings → AI: provider, models, off switch, budget, and what AI has cost. Admins only. */
export const aiRouter = createTRPCRouter({
  settings: createTRPCRouter({
    get: adminProcedure.query(({ ctx }) => getAiSettings(ctx, ctx.ai)),
    update: adminProcedure
      .input(aiSettingsInput)
      .mutation(({ ctx, input }) => updateAiSettings(ctx, ctx.ai, input)),
  }),
  usage: adminProcedure
    .input(z.object({ days: z.number().int().min(1).max(90).default(14) }))
    .query(async ({ ctx, input }) => ({
      days: await usageByDay(ctx.tx, ctx.workspace.id, input.days),
      today: await usedToday(ctx.tx, ctx.workspace.id),
      recent: await recentCalls(ctx.tx, ctx.workspace.id, 20),
    })),
});
