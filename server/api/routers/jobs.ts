import { z } from "zod";
import {
  cancelJob,
  getJob,
  listJobs,
  listJobsInput,
  listJobTypes,
  retryJob,
} from "@/server/jobs/job-admin";
import { adminProcedure, createTRPCRouter, workspaceProcedure } from "../trpc";

const idInput = z.object({ id: z.uuid() });

/** Background jobs of the workspace: admins see and steer all; anyone may read one job. */
export const jobsRouter = createTRPCRouter({
  list: adminProcedure
    .input(listJobsInput.default({ limit: 50 }))
    .query(({ ctx, input }) => listJobs(ctx, input)),

  types: adminProcedure.query(({ ctx }) => listJobTypes(ctx)),

  get: workspaceProcedure.input(idInput).query(({ ctx, input }) => getJob(ctx, input)),

  cancel: adminProcedure.input(idInput).mutation(({ ctx, input }) => cancelJob(ctx, input)),

  retry: adminProcedure.input(idInput).mutation(({ ctx, input }) => retryJob(ctx, input)),
});
