import { z } from "zod";
import { plannedSamplePerVariant } from "@/server/abtests/plan";
import { promoteWinner } from "@/server/abtests/promote";
import {
  abTestResults,
  createAbTest,
  getAbTest,
  listAbTests,
  startAbTest,
  stopAbTest,
} from "@/server/abtests/store";
import { badRequest } from "@/server/errors";
import { adminProcedure, createTRPCRouter, workspaceProcedure } from "../trpc";
import {
  createInput,
  idInput,
  listInput,
  listOutput,
  planInput,
  promoteInput,
  promoteOutput,
  resultsOutput,
  testOutput,
} from "./ab-tests.schema";

/** A/B tests of template text (server/abtests): admins run them, members read them. */
export const abTestsRouter = createTRPCRouter({
  /** The power analysis alone: the create form shows it live as the admin sets the MDE. */
  plan: workspaceProcedure
    .input(planInput)
    .output(z.object({ plannedPerVariant: z.number() }))
    .query(({ input }) => {
      try {
        return { plannedPerVariant: plannedSamplePerVariant(input) };
      } catch (e) {
        throw badRequest(e instanceof Error ? e.message : "Invalid power analysis input");
      }
    }),
  list: workspaceProcedure
    .input(listInput)
    .output(listOutput)
    .query(({ ctx, input }) => listAbTests(ctx, input)),
  get: workspaceProcedure
    .input(idInput)
    .output(testOutput)
    .query(({ ctx, input }) => getAbTest(ctx, input.id)),
  results: workspaceProcedure
    .input(idInput)
    .output(resultsOutput)
    .query(({ ctx, input }) => abTestResults(ctx, input.id)),
  create: adminProcedure
    .input(createInput)
    .output(testOutput)
    .mutation(({ ctx, input }) => createAbTest(ctx, input)),
  start: adminProcedure
    .input(idInput)
    .output(testOutput)
    .mutation(({ ctx, input }) => startAbTest(ctx, input.id)),
  stop: adminProcedure
    .input(idInput)
    .output(testOutput)
    .mutation(({ ctx, input }) => stopAbTest(ctx, input.id)),
  promote: adminProcedure
    .input(promoteInput)
    .output(promoteOutput)
    .mutation(({ ctx, input }) => promoteWinner(ctx, input)),
});
