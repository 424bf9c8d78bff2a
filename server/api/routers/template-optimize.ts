import { z } from "zod";
import {
  acceptOptimization,
  discardOptimization,
  listOptimizations,
} from "@/server/templates/optimize/optimizations";
import { optimizeTemplate } from "@/server/templates/optimize/optimize-template";
import { safeText } from "@/server/validation/text";
import {
  adminActionProcedure,
  adminProcedure,
  createTRPCRouter,
  workspaceProcedure,
} from "../trpc";

/** Provider calls are slow and cost money: an API key pays for several ordinary calls. */
export const AI_CALL_COST = 10;

export const optimizeInput = z.object({
  templateId: z.uuid(),
  goal: safeText({ max: 500, label: "The goal", trim: true }).nullish(),
});

const area = z.object({ area: z.string(), change: z.string() });

/** Declared for developers (typed client): a refactor cannot silently change it. */
export const optimizeOutput = z.object({
  optimizationId: z.uuid(),
  templateId: z.uuid(),
  baseVersion: z.number().int(),
  source: z.enum(["ai", "local"]),
  model: z.string().nullable(),
  notice: z.string().nullable(),
  originalTemplate: z.string(),
  optimizedTemplate: z.string(),
  improvementAreas: z.array(area),
  findings: z.array(
    z.object({
      rule: z.string(),
      severity: z.enum(["info", "warning"]),
      message: z.string(),
      value: z.union([z.number(), z.string()]).optional(),
    }),
  ),
  expectedPerformanceGain: z.object({
    percent: z.null(),
    basis: z.string(),
    usageCount: z.number().int(),
  }),
});

/**
 * `templates.optimize`: no transaction is held while the provider writes (adminActionProcedure);
 * the editor streams the same thing through app/api/templates/[id]/optimize.
 */
export const optimizeProcedure = adminActionProcedure
  .meta({ cost: AI_CALL_COST })
  .input(optimizeInput)
  .output(optimizeOutput)
  .mutation(({ ctx, input, signal }) =>
    optimizeTemplate(
      { workspaceId: ctx.workspace.id, inTenant: ctx.inTenant, registry: ctx.ai, signal },
      input,
    ),
  );

const optimizationId = z.object({ id: z.uuid() });

/** Where each wording came from: every optimisation of a template, accepted or not. */
export const optimizationsRouter = createTRPCRouter({
  list: workspaceProcedure
    .input(z.object({ templateId: z.uuid() }))
    .query(({ ctx, input }) => listOptimizations(ctx, input)),
  /** Saves the rewrite as the template's next version, its origin in the change summary. */
  accept: adminProcedure
    .input(optimizationId)
    .mutation(({ ctx, input }) => acceptOptimization(ctx, input)),
  discard: adminProcedure
    .input(optimizationId)
    .mutation(({ ctx, input }) => discardOptimization(ctx, input)),
});
