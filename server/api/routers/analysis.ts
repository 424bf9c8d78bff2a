import { exportRun } from "@/server/analysis/service/export";
import {
  createGapTemplateDraft,
  dismissGap,
  resolveGap,
} from "@/server/analysis/service/gap-actions";
import {
  getGap,
  getRun,
  listGaps,
  listInsights,
  listPatterns,
  listRuns,
} from "@/server/analysis/service/queries";
import { startAnalysis } from "@/server/analysis/service/run";
import { adminProcedure, createTRPCRouter, workspaceProcedure } from "../trpc";
import {
  exportInput,
  exportOutput,
  type GAP_STATUSES,
  gapDismissInput,
  gapDismissOutput,
  gapGetInput,
  gapGetOutput,
  gapIdInput,
  gapResolveInput,
  gapResolveOutput,
  gapsListInput,
  gapsListOutput,
  type INSIGHT_KINDS,
  insightsOutput,
  optionalRunInput,
  patternsOutput,
  runIdInput,
  runOutput,
  runsInput,
  runsOutput,
  startInput,
  startOutput,
  templateDraftOutput,
} from "./analysis.schema";

type InsightKind = (typeof INSIGHT_KINDS)[number];

/**
 * Conversation analysis (issue #15): runs over a dataset or a period of the inbox (a job), their
 * summary (the seed's analyzeConversationData), knowledge gaps, patterns and insights, and the
 * gap actions. Members read; admins start runs and act on gaps. No runId: the latest finished run.
 */
export const analysisRouter = createTRPCRouter({
  start: adminProcedure
    .input(startInput)
    .output(startOutput)
    .mutation(({ ctx, input }) => startAnalysis(ctx, input)),
  runs: workspaceProcedure
    .input(runsInput)
    .output(runsOutput)
    .query(({ ctx, input }) => listRuns(ctx.tx, input.limit)),
  run: workspaceProcedure
    .input(runIdInput)
    .output(runOutput)
    .query(({ ctx, input }) => getRun(ctx.tx, input.runId)),
  gaps: createTRPCRouter({
    list: workspaceProcedure
      .input(gapsListInput)
      .output(gapsListOutput)
      .query(({ ctx, input }) => listGaps(ctx.tx, input)),
    get: workspaceProcedure
      .input(gapGetInput)
      .output(gapGetOutput)
      .query(({ ctx, input }) => getGap(ctx.tx, input)),
    resolve: adminProcedure
      .input(gapResolveInput)
      .output(gapResolveOutput)
      .mutation(({ ctx, input }) => resolveGap(ctx, input)),
    dismiss: adminProcedure
      .input(gapDismissInput)
      .output(gapDismissOutput)
      .mutation(({ ctx, input }) => dismissGap(ctx, input)),
    createTemplateDraft: adminProcedure
      .input(gapIdInput)
      .output(templateDraftOutput)
      .mutation(({ ctx, input }) => createGapTemplateDraft(ctx, input)),
  }),
  patterns: workspaceProcedure
    .input(optionalRunInput)
    .output(patternsOutput)
    .query(({ ctx, input }) => listPatterns(ctx.tx, input)),
  insights: workspaceProcedure
    .input(optionalRunInput)
    .output(insightsOutput)
    .query(async ({ ctx, input }) => {
      const { runId, insights } = await listInsights(ctx.tx, input);
      return {
        runId,
        insights: insights.map((i) => ({
          ...i,
          kind: i.kind as InsightKind,
          narratedBy: i.narratedBy as "ai" | "computed",
          gapStatus: i.gapStatus as (typeof GAP_STATUSES)[number] | null,
        })),
      };
    }),
  /** A run's gaps, patterns or insights as a file (CSV neutralised against formulas, or JSON). */
  export: workspaceProcedure
    .input(exportInput)
    .output(exportOutput)
    .query(({ ctx, input }) => exportRun(ctx.tx, input)),
});
