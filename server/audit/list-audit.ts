import { and, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { auditLog } from "@/db/schema";
import { safeText } from "@/server/validation/text";
import { cursorTimeOf, timeIdCursor } from "@/server/validation/time-id-cursor";

const filterText = (label: string) => safeText({ max: 100, min: 1, trim: true, label });

export const auditListSchema = z.object({
  // Nullish: TanStack's infinite queries send `cursor: null` when refetching the first page.
  cursor: safeText({ max: 200, label: "The cursor" }).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
  action: filterText("The action").optional(),
  entityType: filterText("The entity type").optional(),
  actorId: filterText("The actor").optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});
export type AuditListInput = z.input<typeof auditListSchema>;

const auditCursor = timeIdCursor(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));

/** One page of the workspace's audit trail, newest first (keyset on created_at, id). */
export async function listAudit(
  tx: Tx,
  workspaceId: string,
  input: z.output<typeof auditListSchema>,
) {
  const conditions: SQL[] = [eq(auditLog.workspaceId, workspaceId)];
  if (input.action) conditions.push(eq(auditLog.action, input.action));
  if (input.entityType) conditions.push(eq(auditLog.entityType, input.entityType));
  if (input.actorId) conditions.push(eq(auditLog.actorId, input.actorId));
  if (input.from) conditions.push(gte(auditLog.createdAt, input.from));
  if (input.to) conditions.push(lte(auditLog.createdAt, input.to));
  if (input.cursor) {
    const { t, i } = auditCursor.decode(input.cursor);
    conditions.push(sql`(${auditLog.createdAt}, ${auditLog.id}) < (${t}::timestamptz, ${i})`);
  }
  const rows = await tx
    .select({
      id: auditLog.id,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      actorLabel: auditLog.actorLabel,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      summary: auditLog.summary,
      ip: auditLog.ip,
      createdAt: auditLog.createdAt,
      cursorTime: cursorTimeOf(auditLog.createdAt),
    })
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(input.limit + 1);
  return auditCursor.page(rows, input.limit);
}
