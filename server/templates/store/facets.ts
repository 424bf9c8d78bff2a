import { and, count, eq, isNull, sql } from "drizzle-orm";
import { templates } from "@/db/schema";
import type { TemplateScope } from "./template-scope";
import { templateVisibleTo } from "./visibility";

/** The languages the workspace's templates (not in the trash) are written in, most used first. */
export async function listTemplateLanguages(
  scope: TemplateScope,
): Promise<{ language: string; count: number }[]> {
  return scope.tx
    .select({ language: templates.language, count: count() })
    .from(templates)
    .where(
      and(
        eq(templates.workspaceId, scope.workspace.id),
        isNull(templates.deletedAt),
        templateVisibleTo(scope, templates),
      ),
    )
    .groupBy(templates.language)
    .orderBy(sql`count(*) desc`, templates.language)
    .limit(200);
}
