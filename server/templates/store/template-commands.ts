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
import { insertTemplates, writeTemplateState } from "./write-template";

export async function createTemplate(
  scope: TemplateScope,
  input: unknown,
): Promise<TemplateDetail> {
  const draft = requireValidDraft(input);
  const [id = ""] = await insertTemplates(scope.tx, {
    workspaceId: scope.workspace.id,
    userId: actingUserId(scope),
    drafts: [draft],
    summary: () => "created",
  });
  await scope.audit({
    action: "template.create",
    entityType: "template",
    entityId: id,
    summary: { name: draft.name, status: draft.status },
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
  input: { id: string; expectedVersion: number; draft: unknown },
): Promise<TemplateDetail> {
  const draft = requireValidDraft(input.draft);
  const current = await loadTemplate(scope, input.id, { lock: true });
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

/** A new draft template with the same content, variables and triggers: "Copy of …". */
export async function duplicateTemplate(scope: TemplateScope, input: { id: string }) {
  const source = await loadTemplate(scope, input.id);
  const name = `Copy of ${source.name}`.slice(0, MAX_TEMPLATE_NAME_LENGTH);
  const draft = requireValidDraft({ ...draftOf(source), name, status: "draft" });
  const [id = ""] = await insertTemplates(scope.tx, {
    workspaceId: scope.workspace.id,
    userId: actingUserId(scope),
    drafts: [draft],
    summary: () => `duplicated from "${source.name}" (version ${source.currentVersion})`,
  });
  await scope.audit({
    action: "template.duplicate",
    entityType: "template",
    entityId: id,
    summary: { name, from: source.id },
  });
  return getTemplate(scope, id);
}
