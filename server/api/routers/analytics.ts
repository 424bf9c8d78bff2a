import { compareAround } from "@/server/analytics/compare";
import { analyticsExport } from "@/server/analytics/export-file";
import {
  agentsAnalytics,
  analyticsOverview,
  categoriesAnalytics,
  templateAnalytics,
  templatesAnalytics,
} from "@/server/analytics/queries";
import { analyticsRollupJob } from "@/server/jobs/definitions/analytics-rollup";
import { enqueueJob, jobActorOf } from "@/server/jobs/enqueue";
import { adminProcedure, createTRPCRouter, workspaceProcedure } from "../trpc";
import {
  agentsOutput,
  backfillInput,
  backfillOutput,
  categoriesOutput,
  compareInput,
  compareOutput,
  exportInput,
  exportOutput,
  filtersInput,
  overviewOutput,
  templateInput,
  templateOutput,
  templatesOutput,
} from "./analytics.schema";

/**
 * Template analytics (issue #14): per template, category, agent and period, read from the
 * daily roll-ups (and raw events for the live days). Members read; only templates the caller
 * may see appear (templateVisibleTo). `template` is the seed's getTemplateAnalytics.
 */
export const analyticsRouter = createTRPCRouter({
  overview: workspaceProcedure
    .input(filtersInput)
    .output(overviewOutput)
    .query(({ ctx, input }) => analyticsOverview(ctx, input)),
  templates: workspaceProcedure
    .input(filtersInput)
    .output(templatesOutput)
    .query(({ ctx, input }) => templatesAnalytics(ctx, input)),
  template: workspaceProcedure
    .input(templateInput)
    .output(templateOutput)
    .query(({ ctx, input }) => templateAnalytics(ctx, input)),
  compare: workspaceProcedure
    .input(compareInput)
    .output(compareOutput)
    .query(({ ctx, input }) => compareAround(ctx, input)),
  agents: workspaceProcedure
    .input(filtersInput)
    .output(agentsOutput)
    .query(({ ctx, input }) => agentsAnalytics(ctx, input)),
  categories: workspaceProcedure
    .input(filtersInput)
    .output(categoriesOutput)
    .query(({ ctx, input }) => categoriesAnalytics(ctx, input)),
  /** The per-template table as a file (CSV with formula-looking cells neutralised, or JSON). */
  export: workspaceProcedure
    .input(exportInput)
    .output(exportOutput)
    .query(({ ctx, input }) => analyticsExport(ctx, input)),
  /** Recomputes the roll-ups of a period (after an import of history, or a gap): a job. */
  backfill: adminProcedure
    .input(backfillInput)
    .output(backfillOutput)
    .mutation(async ({ ctx, input }) => {
      const queued = await enqueueJob(ctx, analyticsRollupJob, {
        workspaceId: ctx.workspace.id,
        actor: jobActorOf(ctx.actor),
        from: input.from,
        to: input.to,
      });
      await ctx.audit({
        action: "analytics.backfill",
        entityType: "analytics",
        summary: { from: input.from, to: input.to },
      });
      return { jobId: queued?.jobId ?? null };
    }),
});
