import { analyzeConversations } from "@/server/analysis/service/analyze";
import {
  adminActionProcedure,
  adminProcedure,
  createTRPCRouter,
  workspaceProcedure,
  workspaceQueryProcedure,
} from "../trpc";
import { analyzeInput, analyzeOutput } from "./analysis.schema";
import * as h from "./training.handler";
import {
  compareInput,
  evaluateInput,
  idInput,
  limitInput,
  progressInput,
  rollbackInput,
  scenarioCreateInput,
  scenarioRunsInput,
  scenarioUpdateInput,
  startInput,
  trainOnScenariosInput,
  versionIdInput,
  versionsInput,
} from "./training.schema";

/**
 * Model training (issue #9): start a run and watch it, versions with their metrics, compare,
 * deploy and roll back, test scenarios and their runs, evaluation on a labelled file. Members
 * read; admins change things. The seed's vocabulary: `start` is `trainOnScenarios`' sibling,
 * `progress` is `getTrainingProgress`, `deploy` is `deployTrainedModel`.
 */
export const trainingRouter = createTRPCRouter({
  overview: workspaceProcedure.query(({ ctx }) => h.overview(ctx)),
  start: adminProcedure.input(startInput).mutation(({ ctx, input }) => h.start(ctx, input)),
  trainOnScenarios: adminProcedure
    .input(trainOnScenariosInput)
    .mutation(({ ctx, input }) => h.trainOnScenarios(ctx, input)),
  progress: workspaceProcedure
    .input(progressInput)
    .query(({ ctx, input }) => h.progress(ctx, input)),
  jobs: workspaceProcedure.input(limitInput).query(({ ctx, input }) => h.jobs(ctx, input)),
  versions: workspaceProcedure
    .input(versionsInput)
    .query(({ ctx, input }) => h.versions(ctx, input)),
  version: workspaceProcedure.input(idInput).query(({ ctx, input }) => h.version(ctx, input)),
  compare: workspaceProcedure.input(compareInput).query(({ ctx, input }) => h.compare(ctx, input)),
  deploy: adminProcedure.input(versionIdInput).mutation(({ ctx, input }) => h.deploy(ctx, input)),
  rollback: adminProcedure
    .input(rollbackInput)
    .mutation(({ ctx, input }) => h.rollback(ctx, input)),
  scenarios: createTRPCRouter({
    list: workspaceProcedure.query(({ ctx }) => h.scenarios(ctx)),
    create: adminProcedure
      .input(scenarioCreateInput)
      .mutation(({ ctx, input }) => h.createScenarioHandler(ctx, input)),
    update: adminProcedure
      .input(scenarioUpdateInput)
      .mutation(({ ctx, input }) => h.updateScenarioHandler(ctx, input)),
    delete: adminProcedure
      .input(idInput)
      .mutation(({ ctx, input }) => h.deleteScenarioHandler(ctx, input)),
  }),
  runScenarios: adminProcedure
    .input(versionIdInput)
    .meta({ cost: 5 })
    .mutation(({ ctx, input }) => h.runScenarios(ctx, input)),
  scenarioRuns: workspaceProcedure
    .input(scenarioRunsInput)
    .query(({ ctx, input }) => h.scenarioRuns(ctx, input)),
  scenarioRun: workspaceProcedure
    .input(idInput)
    .query(({ ctx, input }) => h.scenarioRun(ctx, input)),
  // Scores outside any transaction (a large file takes seconds): short ones around the reads.
  evaluate: adminActionProcedure
    .input(evaluateInput)
    .meta({ cost: 20 })
    .mutation(({ ctx, input }) => h.evaluate(ctx, input)),
  /**
   * The seed's analyzeConversationData over a sample of ≤ 2,000 customer messages of a dataset
   * or an inbox period (default the last 30 days), scored by the deployed model; synchronous.
   */
  analyze: workspaceQueryProcedure
    .input(analyzeInput)
    .output(analyzeOutput)
    .meta({ cost: 5 })
    .query(({ ctx, input }) => analyzeConversations((fn) => ctx.inTenant((s) => fn(s.tx)), input)),
});
