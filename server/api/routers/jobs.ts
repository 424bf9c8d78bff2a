import { z } from "zod";
import { cancelJob, getJob, listJobs, retryJob } from "@/server/jobs/job-admin";
import { adminProcedure, createTRPCRouter, workspaceProcedure } from "../trpc";

const idInput = z.object({ id: z.uuid() });

/** Background jobs of the workspace: admins see and steer all; anyone may read one job. */
export const jobsRouter = createTRPCRouter({
  list: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 }))
    .query(({ ctx, input }) => listJobs(ctx, input)),

  get: workspaceProcedure.input(idInput).query(({ ctx, input }) => getJob(ctx, input)),

  cancel: adminProcedure.input(idInput).mutation(({ ctx, input }) => cancelJob(ctx, input)),

  retry: adminProcedure.input(idInput).mutation(({ ctx, input }) => retryJob(ctx, input)),
});
