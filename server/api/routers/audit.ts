import { auditListSchema, listAudit } from "@/server/audit/list-audit";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const auditRouter = createTRPCRouter({
  list: adminProcedure
    .input(auditListSchema)
    .query(({ ctx, input }) => listAudit(ctx.tx, ctx.workspace.id, input)),
});
