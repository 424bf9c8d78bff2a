import { and, asc, desc, eq, gte, isNotNull, lte, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { describeAuditEntry } from "@/components/audit/describe-audit-entry";
import type { Tx } from "@/db";
import { auditLog } from "@/db/schema";
import { neutraliseFormula, writeCsv } from "@/server/templates/interchange/csv-write";
import type { auditListSchema } from "./list-audit";

/** More rows than this in one export are cut, and the file says so in its last line. */
export const MAX_AUDIT_EXPORT_ROWS = 10_000;

type Filters = Pick<
  z.output<typeof auditListSchema>,
  "action" | "entityType" | "actorId" | "from" | "to"
>;

export function auditConditions(workspaceId: string, input: Filters): SQL[] {
  const conditions: SQL[] = [eq(auditLog.workspaceId, workspaceId)];
  if (input.action) conditions.push(eq(auditLog.action, input.action));
  if (input.entityType) conditions.push(eq(auditLog.entityType, input.entityType));
  if (input.actorId) conditions.push(eq(auditLog.actorId, input.actorId));
  if (input.from) conditions.push(gte(auditLog.createdAt, input.from));
  if (input.to) conditions.push(lte(auditLog.createdAt, input.to));
  return conditions;
}

/**
 * The filtered audit trail as CSV, newest first: time (UTC, ISO), person, what happened as a
 * sentence, the action code, entity, IP and the raw summary. Every cell that a spreadsheet
 * would run as a formula (= + - @ first) is neutralised with a leading quote.
 */
export async function exportAuditCsv(
  tx: Tx,
  workspace: { id: string; slug: string },
  input: Filters,
): Promise<{
  filename: string;
  mimeType: string;
  content: string;
  rows: number;
  truncated: boolean;
}> {
  const rows = await tx
    .select()
    .from(auditLog)
    .where(and(...auditConditions(workspace.id, input)))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(MAX_AUDIT_EXPORT_ROWS + 1);
  const truncated = rows.length > MAX_AUDIT_EXPORT_ROWS;
  const kept = rows.slice(0, MAX_AUDIT_EXPORT_ROWS);
  const header = ["time", "person", "what", "action", "entity_type", "entity_id", "ip", "details"];
  const lines = kept.map((row) => [
    row.createdAt.toISOString(),
    row.actorLabel ?? "",
    describeAuditEntry(row),
    row.action,
    row.entityType,
    row.entityId ?? "",
    row.ip ?? "",
    JSON.stringify(row.summary ?? {}),
  ]);
  if (truncated) {
    lines.push([
      `Only the newest ${MAX_AUDIT_EXPORT_ROWS} entries are in this file; narrow the dates for the rest.`,
    ]);
  }
  const date = new Date().toISOString().slice(0, 10);
  return {
    filename: `parley-audit-${workspace.slug}-${date}.csv`,
    mimeType: "text/csv; charset=utf-8",
    content: writeCsv([header, ...lines.map((line) => line.map(neutraliseFormula))]),
    rows: kept.length,
    truncated,
  };
}

/** Everyone who appears in the workspace's audit trail, for the "person" filter. */
export async function listAuditActors(tx: Tx, workspaceId: string) {
  return tx
    .selectDistinct({ actorId: auditLog.actorId, actorLabel: auditLog.actorLabel })
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, workspaceId), isNotNull(auditLog.actorId)))
    .orderBy(asc(auditLog.actorLabel), asc(auditLog.actorId))
    .limit(500);
}
