import { conflict } from "@/server/errors";
import { MAX_TEMPLATE_NAME_LENGTH } from "../language/limits";
import type { TemplateDraft } from "../language/template-schema";
import { describeChanges } from "./change-summary";
import {
  draftOf,
  getTemplate,
  type LoadedTemplate,
  loadTemplate,
  type TemplateDetail,
} from "./read-template";
import { requireValidDraft } from "./require-valid-draft";
import { actingUserId, type TemplateScope } from "./template-scope";
import { requireFreeLanguage } from "./translations";
import { ownerForNew, type TemplateVisibility, viewerOf } from "./visibility";
import { moveVisibility } from "./visibility-moves";
import { insertTemplates, writeTemplateState } from "./write-template";

/**
 * A new template: shared with everyone when an admin does not say otherwise, personal when an
 * agent does not (agents keep personal templates only; visibility.ts).
 */
export async function createTemplate(
  scope: TemplateScope,
  input: unknown,
  options: { visibility?: TemplateVisibility } = {},
): Promise<TemplateDetail> {
  const draft = requireValidDraft(input);
  const visibility = options.visibility ?? (viewerOf(scope).admin ? "everyone" : "personal");
  const ownerId = ownerForNew(scope, visibility);
  const [id = ""] = await insertTemplates(scope.tx, {
    workspaceId: scope.workspace.id,
    userId: actingUserId(scope),
    drafts: [draft],
    summary: () => "created",
    visibility,
    ownerId,
  });
  await scope.audit({
    action: "template.create",
    entityType: "template",
    entityId: id,
    summary: { name: draft.name, status: draft.status, visibility },
  });
  return getTemplate(scope, id);
}

/**
 * Saves `draft` over the locked template as the next version, unless nothing changed.
 * Returns the change summary ("no changes" when nothing was written).
 */
export async function saveNextVersion(
  scope: TemplateScope,
  current: LoadedTemplate,
  draft: TemplateDraft,
  options: { summary?: string; statusBeforeArchive?: LoadedTemplate["statusBeforeArchive"] } = {},
): Promise<string> {
  const changes = describeChanges(draftOf(current), draft);
  if (changes === "no changes") return changes;
  await writeTemplateState(scope.tx, {
    workspaceId: scope.workspace.id,
    userId: actingUserId(scope),
    templateId: current.id,
    version: current.currentVersion + 1,
    draft,
    changeSummary: options.summary ?? changes,
    statusBeforeArchive: options.statusBeforeArchive ?? null,
  });
  return options.summary ?? changes;
}

/**
 * Optimistic concurrency: the editor sends the version it started from, and a save on top of
 * someone else's newer version is refused instead of silently overwriting it.
 */
export async function updateTemplate(
  scope: TemplateScope,
  input: {
    id: string;
    expectedVersion: number;
    draft: unknown;
    /** Moves the template (and its translations) when it differs: visibility-moves.ts. */
    visibility?: TemplateVisibility;
  },
): Promise<TemplateDetail> {
  const draft = requireValidDraft(input.draft);
  const current = await loadTemplate(scope, input.id, { lock: true });
  if (draft.language !== current.language)
    await requireFreeLanguage(scope, current, draft.language);
  if (current.currentVersion !== input.expectedVersion) {
    throw conflict("This template was changed by someone else", {
      expectedVersion: [
        `You edited version ${input.expectedVersion}; the template is now at version ${current.currentVersion}. Reload it to see the changes.`,
      ],
    });
  }
  const changes = await saveNextVersion(scope, current, draft);
  await scope.audit({
    action: "template.update",
    entityType: "template",
    entityId: current.id,
    summary: {
      name: draft.name,
      changes,
      version: current.currentVersion + (changes === "no changes" ? 0 : 1),
    },
  });
  if (input.visibility !== undefined) await moveVisibility(scope, current, input.visibility);
  return getTemplate(scope, current.id);
}

/** Archived templates are never suggested; `restore` brings back the status they had. */
export async function archiveTemplate(scope: TemplateScope, input: { id: string }) {
  const current = await loadTemplate(scope, input.id, { lock: true });
  if (current.status !== "archived") {
    await saveNextVersion(
      scope,
      current,
      { ...draftOf(current), status: "archived" },
      {
        summary: "archived",
        statusBeforeArchive: current.status,
      },
    );
    await scope.audit({
      action: "template.archive",
      entityType: "template",
      entityId: current.id,
      summary: { name: current.name, from: current.status },
    });
  }
  return getTemplate(scope, current.id);
}

export async function restoreTemplate(scope: TemplateScope, input: { id: string }) {
  const current = await loadTemplate(scope, input.id, { lock: true });
  if (current.status === "archived") {
    const status = current.statusBeforeArchive ?? "draft";
    await saveNextVersion(
      scope,
      current,
      { ...draftOf(current), status },
      {
        summary: `restored from archive (${status})`,
      },
    );
    await scope.audit({
      action: "template.restore",
      entityType: "template",
      entityId: current.id,
      summary: { name: current.name, to: status },
    });
  }
  return getTemplate(scope, current.id);
}

/**
 * A new draft template with the same content, variables and triggers: "Copy of …", with the
 * source's visibility when the caller may create that, else as the caller's personal copy (an
 * agent copying a shared template to adapt it).
 */
export async function duplicateTemplate(scope: TemplateScope, input: { id: string }) {
  const source = await loadTemplate(scope, input.id);
  const name = `Copy of ${source.name}`.slice(0, MAX_TEMPLATE_NAME_LENGTH);
  const draft = requireValidDraft({ ...draftOf(source), name, status: "draft" });
  const visibility =
    source.visibility === "personal" || viewerOf(scope).admin ? source.visibility : "personal";
  const [id = ""] = await insertTemplates(scope.tx, {
    workspaceId: scope.workspace.id,
    userId: actingUserId(scope),
    drafts: [draft],
    summary: () => `duplicated from "${source.name}" (version ${source.currentVersion})`,
    visibility,
    ownerId: ownerForNew(scope, visibility),
  });
  await scope.audit({
    action: "template.duplicate",
    entityType: "template",
    entityId: id,
    summary: { name, from: source.id },
  });
  return getTemplate(scope, id);
}
