import { exportAuditCsv, listAuditActors } from "@/server/audit/export-audit";
import { auditListSchema, listAudit } from "@/server/audit/list-audit";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const auditRouter = createTRPCRouter({
  list: adminProcedure
    .input(auditListSchema)
    .query(({ ctx, input }) => listAudit(ctx.tx, ctx.workspace.id, input)),
  /** The people and keys that appear in the log, for the person filter. */
  actors: adminProcedure.query(({ ctx }) => listAuditActors(ctx.tx, ctx.workspace.id)),
  /** The filtered log as CSV (a query: reading the log changes nothing). */
  exportCsv: adminProcedure
    .input(auditListSchema.omit({ cursor: true, limit: true }))
    .query(({ ctx, input }) => exportAuditCsv(ctx.tx, ctx.workspace, input)),
});
