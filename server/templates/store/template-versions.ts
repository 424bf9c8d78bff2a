import { and, desc, eq } from "drizzle-orm";
import { templateVersions, users } from "@/db/schema";
import { badRequest, notFound } from "@/server/errors";
import type { TemplateDraft } from "../language/template-schema";
import { describeChanges } from "./change-summary";
import { draftOf, getTemplate, loadTemplate, type TemplateDetail } from "./read-template";
import { requireValidDraft } from "./require-valid-draft";
import { type PersonRef, personRef } from "./rows";
import { actingUserId, type TemplateScope } from "./template-scope";
import { writeTemplateState } from "./write-template";

export type TemplateVersionSummary = {
  version: number;
  createdAt: Date;
  createdBy: PersonRef;
  changeSummary: string;
};

export type TemplateVersion = TemplateVersionSummary & { draft: TemplateDraft };

/** The template's versions, newest first (NOT_FOUND when the template is not this workspace's). */
export async function listVersions(
  scope: TemplateScope,
  input: { id: string },
): Promise<TemplateVersionSummary[]> {
  await loadTemplate(scope, input.id);
  const rows = await scope.tx
    .select({
      version: templateVersions.version,
      createdAt: templateVersions.createdAt,
      name: users.name,
      email: users.email,
      changeSummary: templateVersions.changeSummary,
    })
    .from(templateVersions)
    .leftJoin(users, eq(users.id, templateVersions.createdBy))
    .where(
      and(
        eq(templateVersions.workspaceId, scope.workspace.id),
        eq(templateVersions.templateId, input.id),
      ),
    )
    .orderBy(desc(templateVersions.version));
  return rows.map(({ name, email, ...row }) => ({ ...row, createdBy: personRef(name, email) }));
}

export async function getVersion(
  scope: TemplateScope,
  input: { id: string; version: number },
): Promise<TemplateVersion> {
  // NOT_FOUND unless the caller may see the template (visibility.ts) and it is not in the trash.
  await loadTemplate(scope, input.id);
  const [row] = await scope.tx
    .select({
      version: templateVersions.version,
      createdAt: templateVersions.createdAt,
      name: users.name,
      email: users.email,
      changeSummary: templateVersions.changeSummary,
      draft: templateVersions.snapshot,
    })
    .from(templateVersions)
    .leftJoin(users, eq(users.id, templateVersions.createdBy))
    .where(
      and(
        eq(templateVersions.workspaceId, scope.workspace.id),
        eq(templateVersions.templateId, input.id),
        eq(templateVersions.version, input.version),
      ),
    )
    .limit(1);
  if (!row) throw notFound("Template version");
  const { name, email, ...version } = row;
  return { ...version, createdBy: personRef(name, email) };
}

/**
 * Restoring never rewrites history: version N's draft becomes the next version. It is
 * validated again, since limits or the language may have changed since it was saved.
 */
export async function restoreVersion(
  scope: TemplateScope,
  input: { id: string; version: number },
): Promise<TemplateDetail> {
  const current = await loadTemplate(scope, input.id, { lock: true });
  const { draft: snapshot } = await getVersion(scope, input);
  let draft: TemplateDraft;
  try {
    draft = requireValidDraft(snapshot);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw badRequest(`Version ${input.version} can no longer be saved: ${reason}`);
  }
  const changeSummary = `restored version ${input.version}`;
  await writeTemplateState(scope.tx, {
    workspaceId: scope.workspace.id,
    userId: actingUserId(scope),
    templateId: current.id,
    version: current.currentVersion + 1,
    draft,
    changeSummary,
  });
  await scope.audit({
    action: "template.restore_version",
    entityType: "template",
    entityId: current.id,
    summary: {
      name: draft.name,
      restored: input.version,
      version: current.currentVersion + 1,
      changes: describeChanges(draftOf(current), draft),
    },
  });
  return getTemplate(scope, current.id);
}
