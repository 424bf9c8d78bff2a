import { and, eq } from "drizzle-orm";
import { templates } from "@/db/schema";
import type { LoadedTemplate } from "./read-template";
import type { TemplateScope } from "./template-scope";
import { ownerForNew, type TemplateVisibility } from "./visibility";

/**
 * "Make shared" / "make personal" / "admins only": moves a template the caller may change
 * (the caller loaded it with `lock`) to another visibility, with its translations (a group
 * shares one visibility, so a variant never shows without its siblings). Making it personal
 * makes it the caller's; making it shared needs an admin (ownerForNew). Returns whether it moved.
 */
export async function moveVisibility(
  scope: TemplateScope,
  current: LoadedTemplate,
  to: TemplateVisibility,
): Promise<boolean> {
  const ownerId = ownerForNew(scope, to);
  if (current.visibility === to && current.ownerId === ownerId) return false;
  await scope.tx
    .update(templates)
    .set({ visibility: to, ownerId })
    .where(
      and(eq(templates.workspaceId, scope.workspace.id), eq(templates.groupId, current.groupId)),
    );
  await scope.audit({
    action: "template.visibility",
    entityType: "template",
    entityId: current.id,
    summary: { name: current.name, from: current.visibility, to },
  });
  return true;
}
