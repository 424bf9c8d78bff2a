import { abTestsRouter } from "./routers/ab-tests";
import { accountRouter } from "./routers/account";
import { aiRouter } from "./routers/ai";
import { analysisRouter } from "./routers/analysis";
import { analyticsRouter } from "./routers/analytics";
import { apiKeysRouter } from "./routers/api-keys";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { datasetsRouter } from "./routers/datasets";
import { inboxRouter } from "./routers/inbox";
import { jobsRouter } from "./routers/jobs";
import { suggestionsRouter } from "./routers/suggestions";
import { templatesRouter } from "./routers/templates";
import { trainingRouter } from "./routers/training";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  workspace: workspaceRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  templates: templatesRouter,
  suggestions: suggestionsRouter,
  jobs: jobsRouter,
  inbox: inboxRouter,
  training: trainingRouter,
  datasets: datasetsRouter,
  ai: aiRouter,
  analysis: analysisRouter,
  analytics: analyticsRouter,
  abTests: abTestsRouter,
});

export type AppRouter = typeof appRouter;

/** Server components, the CLI and integration tests call procedures through this. */
export const createCaller = createCallerFactory(appRouter);
