import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db";
import { templates, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { SYSTEM_ACTOR } from "@/server/audit/actor";
import { recordAudit } from "@/server/audit/record";
import { DAY_MS, TRASH_DAYS } from "./trash";

/** Templates deleted before this moment have had their TRASH_DAYS: the purge may remove them. */
export function trashCutoff(now: Date = new Date()): Date {
  return new Date(now.getTime() - TRASH_DAYS * DAY_MS);
}

const expired = (workspaceId: string, before: Date) =>
  and(
    eq(templates.workspaceId, workspaceId),
    isNotNull(templates.deletedAt),
    lt(templates.deletedAt, sql`${before.toISOString()}::timestamptz`),
  );

/** Whether the workspace has a template in the trash since before `before` (tenant tx). */
export async function hasExpiredTrash(tx: Tx, workspaceId: string, before: Date): Promise<boolean> {
  const [row] = await tx
    .select({ one: sql`1` })
    .from(templates)
    .where(expired(workspaceId, before))
    .limit(1);
  return row !== undefined;
}

/**
 * Deletes for good the workspace's templates trashed before `before`, in the caller's tenant
 * transaction, with one audit row each attributed to "system" (personal ones included: the
 * trash is the owner's, the purge nobody's). Versions, variables, triggers and favourites go
 * with them (foreign keys cascade). What the scheduled job (template-trash-purge) runs.
 */
export async function purgeWorkspaceTrash(
  tx: Tx,
  workspaceId: string,
  before: Date,
): Promise<number> {
  const rows = await tx
    .delete(templates)
    .where(expired(workspaceId, before))
    .returning({ id: templates.id, name: templates.name, deletedAt: templates.deletedAt });
  for (const row of rows) {
    await recordAudit(tx, workspaceId, SYSTEM_ACTOR, {
      action: "template.purge",
      entityType: "template",
      entityId: row.id,
      summary: { name: row.name, deletedAt: row.deletedAt?.toISOString() ?? null },
    });
  }
  return rows.length;
}

/**
 * Every workspace's expired trash, each in its own tenant transaction: what
 * `npm run cli -- templates:purge-trash` runs by hand. The workers run the same purge hourly,
 * one job per workspace with something to purge (server/jobs/scheduler.ts).
 */
export async function purgeExpiredTrash(
  db: Database,
  options: { now?: Date } = {},
): Promise<{ purged: number; workspaces: number }> {
  const before = trashCutoff(options.now);
  // The operator's own read, as the table owner: which tenants exist is not a tenant question.
  const all = await db.select({ id: workspaces.id }).from(workspaces);
  let purged = 0;
  let touched = 0;
  for (const { id: workspaceId } of all) {
    const removed = await withTenant(db, workspaceId, (tx) =>
      purgeWorkspaceTrash(tx, workspaceId, before),
    );
    purged += removed;
    if (removed > 0) touched++;
  }
  return { purged, workspaces: touched };
}
