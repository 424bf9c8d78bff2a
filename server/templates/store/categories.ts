import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { templateCategories, templates } from "@/db/schema";
import { badRequest, conflict, isUniqueViolation, notFound } from "@/server/errors";
import type { TemplateScope } from "./template-scope";
import { templateVisibleTo } from "./visibility";

export type CategoryRef = { id: string; name: string };
export type CategoryWithCount = CategoryRef & { templateCount: number };

/** How category names compare: trimmed, case-insensitively (as the unique index does). */
export const categoryKey = (name: string) => name.trim().toLowerCase();
const key = categoryKey;

/**
 * The ids of categories by name, created on the fly. Names match case-insensitively (the
 * unique index is on lower(name)), so "billing" files under an existing "Billing".
 * `on conflict do nothing` makes two saves that create the same category at once both succeed.
 */
export async function resolveCategories(
  tx: Tx,
  workspaceId: string,
  names: Iterable<string | null>,
): Promise<Map<string, string>> {
  const wanted = new Map<string, string>();
  for (const name of names) if (name !== null) wanted.set(key(name), name.trim());
  const ids = new Map<string, string>();
  if (wanted.size === 0) return ids;
  const lowered = [...wanted.keys()];
  await tx
    .insert(templateCategories)
    .values([...wanted.values()].map((name) => ({ workspaceId, name })))
    .onConflictDoNothing();
  const rows = await tx
    .select({ id: templateCategories.id, name: templateCategories.name })
    .from(templateCategories)
    .where(
      and(
        eq(templateCategories.workspaceId, workspaceId),
        inArray(sql`lower(${templateCategories.name})`, lowered),
      ),
    );
  for (const row of rows) ids.set(key(row.name), row.id);
  return ids;
}

export async function resolveCategory(
  tx: Tx,
  workspaceId: string,
  name: string | null,
): Promise<string | null> {
  if (name === null) return null;
  const ids = await resolveCategories(tx, workspaceId, [name]);
  return ids.get(key(name)) ?? null;
}

/**
 * Every category with how many templates (of any status, not in the trash, visible to the
 * caller) it holds, by name.
 */
export async function listCategories(scope: TemplateScope): Promise<CategoryWithCount[]> {
  return scope.tx
    .select({
      id: templateCategories.id,
      name: templateCategories.name,
      templateCount: count(templates.id),
    })
    .from(templateCategories)
    .leftJoin(
      templates,
      and(
        eq(templates.categoryId, templateCategories.id),
        isNull(templates.deletedAt),
        // Counts only what the caller can see: others' personal templates stay uncounted.
        templateVisibleTo(scope, templates),
      ),
    )
    .where(eq(templateCategories.workspaceId, scope.workspace.id))
    .groupBy(templateCategories.id)
    .orderBy(asc(sql`lower(${templateCategories.name})`), asc(templateCategories.id));
}

export async function renameCategory(
  scope: TemplateScope,
  input: { id: string; name: string },
): Promise<CategoryRef> {
  const name = input.name.trim();
  let renamed: { id: string; name: string; previous: string } | undefined;
  try {
    // A savepoint, so a taken name becomes a clean CONFLICT instead of an aborted transaction.
    renamed = await scope.tx.transaction(async (tx) => {
      const [before] = await tx
        .select({ name: templateCategories.name })
        .from(templateCategories)
        .where(byId(scope, input.id))
        .for("update");
      if (!before) return undefined;
      const [row] = await tx
        .update(templateCategories)
        .set({ name })
        .where(byId(scope, input.id))
        .returning({ id: templateCategories.id, name: templateCategories.name });
      return row && { ...row, previous: before.name };
    });
  } catch (error) {
    if (isUniqueViolation(error, "template_categories_name_idx")) {
      throw conflict(`There is already a category called "${name}"`, {
        name: ["A category with this name exists"],
      });
    }
    throw error;
  }
  if (!renamed) throw notFound("Category");
  await scope.audit({
    action: "template_category.rename",
    entityType: "template_category",
    entityId: renamed.id,
    summary: { from: renamed.previous, to: renamed.name },
  });
  return { id: renamed.id, name: renamed.name };
}

/** Deletes the category; its templates stay, uncategorised (the foreign key sets null). */
export async function removeCategory(
  scope: TemplateScope,
  input: { id: string },
): Promise<{ id: string; templateCount: number }> {
  const [{ n = 0 } = {}] = await scope.tx
    .select({ n: count() })
    .from(templates)
    .where(and(eq(templates.workspaceId, scope.workspace.id), eq(templates.categoryId, input.id)));
  const [removed] = await scope.tx
    .delete(templateCategories)
    .where(byId(scope, input.id))
    .returning({ id: templateCategories.id, name: templateCategories.name });
  if (!removed) throw notFound("Category");
  await scope.audit({
    action: "template_category.remove",
    entityType: "template_category",
    entityId: removed.id,
    summary: { name: removed.name, templates: n },
  });
  return { id: removed.id, templateCount: n };
}

/**
 * Moves every template of one category into another and deletes the emptied one (templates
 * in the trash move too, so a restore lands in the surviving category).
 */
export async function mergeCategory(
  scope: TemplateScope,
  input: { id: string; into: string },
): Promise<{ into: CategoryRef; moved: number }> {
  if (input.id === input.into) {
    throw badRequest("Choose another category to merge into", {
      into: ["Choose another category."],
    });
  }
  const found = await scope.tx
    .select({ id: templateCategories.id, name: templateCategories.name })
    .from(templateCategories)
    .where(
      and(
        eq(templateCategories.workspaceId, scope.workspace.id),
        inArray(templateCategories.id, [input.id, input.into]),
      ),
    )
    .for("update");
  const from = found.find((c) => c.id === input.id);
  const into = found.find((c) => c.id === input.into);
  if (!from || !into) throw notFound("Category");
  const moved = await scope.tx
    .update(templates)
    .set({ categoryId: into.id })
    .where(and(eq(templates.workspaceId, scope.workspace.id), eq(templates.categoryId, from.id)))
    .returning({ id: templates.id });
  await scope.tx.delete(templateCategories).where(byId(scope, from.id));
  await scope.audit({
    action: "template_category.merge",
    entityType: "template_category",
    entityId: into.id,
    summary: { from: from.name, into: into.name, templates: moved.length },
  });
  return { into, moved: moved.length };
}

function byId(scope: TemplateScope, id: string) {
  return and(eq(templateCategories.workspaceId, scope.workspace.id), eq(templateCategories.id, id));
}
