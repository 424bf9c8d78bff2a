import { and, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { templates, users } from "@/db/schema";
import { notFound } from "@/server/errors";
import { type PersonRef, personRef } from "./rows";
import { actingUserId, type TemplateScope } from "./template-scope";
import { requireEditable, templateEditableBy, templateVisibleTo } from "./visibility";

/** How long a deleted template can be restored before the purge (trash-purge.ts) removes it. */
export const TRASH_DAYS = 30;
export const DAY_MS = 24 * 60 * 60 * 1000;

export type TrashedTemplate = {
  id: string;
  name: string;
  deletedAt: Date;
  deletedBy: PersonRef;
  /** When the purge removes it. */
  purgeAfter: Date;
};

/**
 * Moves templates to the trash: they leave the library, search, suggestions and exports, and
 * can be restored for TRASH_DAYS. Every id must be a live template of this workspace.
 */
export function trashTemplates(
  scope: TemplateScope,
  input: { ids: string[] },
): Promise<{ count: number }> {
  return moveTrash(scope, input.ids, "trash");
}

/** Brings templates back from the trash, as they were (status, category, versions). */
export function restoreFromTrash(
  scope: TemplateScope,
  input: { ids: string[] },
): Promise<{ count: number }> {
  return moveTrash(scope, input.ids, "restore");
}

/**
 * One update for both directions, all or nothing: an unknown id, or one already on the other
 * side, rolls the whole request back. Each moved template gets its own audit row.
 */
async function moveTrash(
  scope: TemplateScope,
  requested: string[],
  direction: "trash" | "restore",
): Promise<{ count: number }> {
  const ids = [...new Set(requested)];
  const toTrash = direction === "trash";
  const side = toTrash ? isNull(templates.deletedAt) : isNotNull(templates.deletedAt);
  // Only templates the caller sees, and changes only what they may change (visibility.ts).
  const targets = await scope.tx
    .select({ name: templates.name, ownerId: templates.ownerId, visibility: templates.visibility })
    .from(templates)
    .where(
      and(
        eq(templates.workspaceId, scope.workspace.id),
        inArray(templates.id, ids),
        side,
        templateVisibleTo(scope, templates),
      ),
    )
    .for("update");
  if (targets.length !== ids.length) throw notFound(toTrash ? "Template" : "Template in the trash");
  for (const target of targets) requireEditable(scope, target);
  const rows = await scope.tx
    .update(templates)
    .set(
      toTrash
        ? { deletedAt: new Date(), deletedBy: actingUserId(scope) }
        : { deletedAt: null, deletedBy: null },
    )
    .where(and(eq(templates.workspaceId, scope.workspace.id), inArray(templates.id, ids), side))
    .returning({ id: templates.id, name: templates.name });
  if (rows.length !== ids.length) throw notFound(toTrash ? "Template" : "Template in the trash");
  for (const row of rows) {
    await scope.audit({
      action: toTrash ? "template.trash" : "template.untrash",
      entityType: "template",
      entityId: row.id,
      summary: { name: row.name },
    });
  }
  return { count: rows.length };
}

/**
 * The workspace's trash as far as the caller could restore it (their own personal templates,
 * and for admins the shared ones), most recently deleted first.
 */
export async function listTrash(scope: TemplateScope): Promise<TrashedTemplate[]> {
  const rows = await scope.tx
    .select({
      id: templates.id,
      name: templates.name,
      deletedAt: templates.deletedAt,
      deleterName: users.name,
      deleterEmail: users.email,
    })
    .from(templates)
    .leftJoin(users, eq(users.id, templates.deletedBy))
    .where(
      and(
        eq(templates.workspaceId, scope.workspace.id),
        isNotNull(templates.deletedAt),
        templateEditableBy(scope, templates),
      ),
    )
    .orderBy(desc(templates.deletedAt), desc(templates.id))
    .limit(1000);
  return rows.flatMap((row) =>
    row.deletedAt === null
      ? []
      : [
          {
            id: row.id,
            name: row.name,
            deletedAt: row.deletedAt,
            deletedBy: personRef(row.deleterName, row.deleterEmail),
            purgeAfter: new Date(row.deletedAt.getTime() + TRASH_DAYS * DAY_MS),
          },
        ],
  );
}
