import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import { templates } from "@/db/schema";
import { conflict } from "@/server/errors";
import type { TemplateStatus } from "../language/template-schema";
import { normalizeLanguage, pickVariant } from "../variants";
import {
  draftOf,
  getTemplate,
  type LoadedTemplate,
  loadTemplate,
  type TemplateDetail,
} from "./read-template";
import { requireValidDraft } from "./require-valid-draft";
import { actingUserId, type TemplateScope } from "./template-scope";
import { templateVisibleTo } from "./visibility";
import { insertTemplates } from "./write-template";

/** One language of a template group, as the editor lists them. */
export type TemplateVariantRef = {
  id: string;
  name: string;
  language: string;
  status: TemplateStatus;
  createdAt: Date;
};

/** The live variants of a group the caller may see, oldest (the original) first. */
export async function loadGroupVariants(
  scope: TemplateScope,
  groupId: string,
): Promise<TemplateVariantRef[]> {
  return scope.tx
    .select({
      id: templates.id,
      name: templates.name,
      language: templates.language,
      status: templates.status,
      createdAt: templates.createdAt,
    })
    .from(templates)
    .where(
      and(
        eq(templates.workspaceId, scope.workspace.id),
        eq(templates.groupId, groupId),
        isNull(templates.deletedAt),
        templateVisibleTo(scope, templates),
      ),
    )
    .orderBy(asc(templates.createdAt), asc(templates.id))
    .limit(200);
}

/** A template's translations (itself included), for the editor. */
export async function listTranslations(
  scope: TemplateScope,
  input: { id: string },
): Promise<TemplateVariantRef[]> {
  const template = await loadTemplate(scope, input.id);
  return loadGroupVariants(scope, template.groupId);
}

/**
 * The variant of `id`'s group to send in a conversation in `language` (pickVariant: that
 * language, else the workspace's default language, else the original). Archived variants are
 * skipped unless `id` itself is asked for and nothing else fits. NOT_FOUND when the caller
 * cannot see `id`. What render and copy use, and what suggestions should use.
 */
export async function pickTemplateVariant(
  scope: TemplateScope,
  input: { id: string; language?: string | null },
): Promise<TemplateVariantRef> {
  const template = await loadTemplate(scope, input.id);
  const self: TemplateVariantRef = {
    id: template.id,
    name: template.name,
    language: template.language,
    status: template.status,
    createdAt: template.createdAt,
  };
  if (!input.language) return self;
  const group = (await loadGroupVariants(scope, template.groupId)).filter(
    (v) => v.status !== "archived" || v.id === template.id,
  );
  return pickVariant(group, input.language, scope.workspace.locale) ?? self;
}

/**
 * CONFLICT when another live variant of the group (`template` itself aside, when it is already
 * one) is written in `language`.
 */
export async function requireFreeLanguage(
  scope: TemplateScope,
  template: Pick<LoadedTemplate, "groupId"> & { id: string | null },
  language: string,
): Promise<void> {
  const [taken] = await scope.tx
    .select({ name: templates.name })
    .from(templates)
    .where(
      and(
        eq(templates.workspaceId, scope.workspace.id),
        eq(templates.groupId, template.groupId),
        template.id === null ? undefined : ne(templates.id, template.id),
        isNull(templates.deletedAt),
        sql`lower(${templates.language}) = ${normalizeLanguage(language)}`,
      ),
    )
    .limit(1);
  if (taken) {
    const message = `This template already has a translation in "${language}".`;
    throw conflict(message, { language: [message] });
  }
}

/**
 * "Add translation": a new variant of the template's group in `language`, starting as a copy of
 * the template (content to be translated), with its status and visibility. Needs the right to
 * change the template (a group shares one visibility).
 */
export async function addTranslation(
  scope: TemplateScope,
  input: { id: string; language: string },
): Promise<TemplateDetail> {
  const source = await loadTemplate(scope, input.id, { lock: true });
  const language = input.language.trim();
  await requireFreeLanguage(scope, { id: null, groupId: source.groupId }, language);
  const draft = requireValidDraft({ ...draftOf(source), language });
  const [id = ""] = await insertTemplates(scope.tx, {
    workspaceId: scope.workspace.id,
    userId: actingUserId(scope),
    drafts: [draft],
    summary: () => `translation of "${source.name}" (${source.language}) into ${language}`,
    visibility: source.visibility,
    ownerId: source.ownerId,
    groupIds: [source.groupId],
  });
  await scope.audit({
    action: "template.translate",
    entityType: "template",
    entityId: id,
    summary: { name: source.name, from: source.language, language },
  });
  return getTemplate(scope, id);
}
