import { and, eq, sql } from "drizzle-orm";
import { templateFavourites, templates } from "@/db/schema";
import { badRequest } from "@/server/errors";
import { loadTemplate } from "./read-template";
import { actingUserId, type TemplateScope } from "./template-scope";
import { templateVisibleTo } from "./visibility";

function personOf(scope: TemplateScope): string {
  const userId = actingUserId(scope);
  if (!userId) throw badRequest("Only people keep favourites, not API keys or the CLI.");
  return userId;
}

/** Stars or unstars a template for the signed-in person (any role: favourites are personal). */
export async function setFavourite(
  scope: TemplateScope,
  input: { id: string; favourite: boolean },
): Promise<{ id: string; favourite: boolean }> {
  const userId = personOf(scope);
  const template = await loadTemplate(scope, input.id);
  const key = and(
    eq(templateFavourites.workspaceId, scope.workspace.id),
    eq(templateFavourites.userId, userId),
    eq(templateFavourites.templateId, template.id),
  );
  if (input.favourite) {
    await scope.tx
      .insert(templateFavourites)
      .values({ workspaceId: scope.workspace.id, userId, templateId: template.id })
      .onConflictDoNothing();
  } else {
    await scope.tx.delete(templateFavourites).where(key);
  }
  await scope.audit({
    action: input.favourite ? "template.favourite" : "template.unfavourite",
    entityType: "template",
    entityId: template.id,
    summary: { name: template.name },
  });
  return { id: template.id, favourite: input.favourite };
}

/** The ids of the signed-in person's favourite templates (none for keys and the CLI). */
export async function listFavouriteIds(scope: TemplateScope): Promise<string[]> {
  const userId = actingUserId(scope);
  if (!userId) return [];
  const rows = await scope.tx
    .select({ id: templateFavourites.templateId })
    .from(templateFavourites)
    // A starred template that became invisible (made personal by someone, or admins-only) drops out.
    .innerJoin(templates, eq(templates.id, templateFavourites.templateId))
    .where(
      and(
        eq(templateFavourites.workspaceId, scope.workspace.id),
        eq(templateFavourites.userId, userId),
        templateVisibleTo(scope, templates),
      ),
    )
    .limit(1000);
  return rows.map((r) => r.id);
}

/** A list condition: only the person's favourites. */
export function favouritesOnly(scope: TemplateScope) {
  const userId = actingUserId(scope) ?? "";
  return sql`exists (select 1 from ${templateFavourites} f
    where f.template_id = ${templates.id} and f.workspace_id = ${scope.workspace.id}
      and f.user_id = ${userId})`;
}
