import { and, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { auditLog } from "@/db/schema";
import { badRequest } from "@/server/errors";
import { cursorTimestamp } from "@/server/validation/cursor";
import { safeText } from "@/server/validation/text";

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

/**
 * The cursor is the last row's exact `created_at` as PostgreSQL prints it (microseconds; a JS
 * Date would round them away and repeat or skip rows) and its id, base64url-encoded JSON.
 */
const cursorSchema = z.object({
  t: cursorTimestamp,
  i: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(value: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
  } catch {
    throw badRequest("Invalid cursor", { cursor: ["Invalid cursor"] });
  }
}

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
    const { t, i } = decodeCursor(input.cursor);
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
      // UTC and ISO, whatever the session's TimeZone and DateStyle are.
      cursorTime: sql<string>`to_char(${auditLog.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > input.limit && last ? encodeCursor({ t: last.cursorTime, i: last.id }) : null;
  return { items: page.map(({ cursorTime: _, ...item }) => item), nextCursor };
}
