import { badRequest } from "@/server/errors";
import type { TemplateDraft } from "../language/template-schema";
import { draftOf, loadTemplate } from "./read-template";
import { requireValidDraft } from "./require-valid-draft";
import { archiveTemplate, saveNextVersion } from "./template-commands";
import type { TemplateScope } from "./template-scope";
import { trashTemplates } from "./trash";

/** At most this many templates per bulk action: one transaction, one request. */
export const MAX_BULK_TEMPLATES = 500;

export const BULK_ACTIONS = ["archive", "trash", "move", "tag"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export type BulkInput = {
  ids: string[];
  action: BulkAction;
  /** For "move": the category's name (created if new), or null for none. */
  category?: string | null;
  /** For "tag": the tag to add. */
  tag?: string;
};

/**
 * One action on many templates, all or nothing (a template that cannot take the change, say
 * one already at the tag limit, rolls the whole request back with its name in the message).
 * Archive, move and tag save a new version of each changed template, as the editor would;
 * trash moves them to the trash.
 */
export async function bulkUpdateTemplates(
  scope: TemplateScope,
  input: BulkInput,
): Promise<{ changed: number }> {
  const ids = [...new Set(input.ids)];
  if (input.action === "trash") {
    const { count } = await trashTemplates(scope, { ids });
    return { changed: count };
  }
  if (input.action === "archive") {
    let changed = 0;
    for (const id of ids) {
      const before = await loadTemplate(scope, id);
      await archiveTemplate(scope, { id });
      if (before.status !== "archived") changed++;
    }
    return { changed };
  }
  const edit = draftEdit(input);
  let changed = 0;
  for (const id of ids) {
    const current = await loadTemplate(scope, id, { lock: true });
    let draft: TemplateDraft;
    try {
      draft = requireValidDraft(edit(draftOf(current)));
    } catch (error) {
      const reason = error instanceof Error ? error.message : "it is not valid";
      throw badRequest(`"${current.name}" cannot take this change: ${reason}`);
    }
    const changes = await saveNextVersion(scope, current, draft, {
      statusBeforeArchive: current.statusBeforeArchive,
    });
    if (changes === "no changes") continue;
    changed++;
    await scope.audit({
      action: "template.update",
      entityType: "template",
      entityId: current.id,
      summary: { name: current.name, changes, version: current.currentVersion + 1, bulk: true },
    });
  }
  return { changed };
}

function draftEdit(input: BulkInput): (draft: TemplateDraft) => TemplateDraft {
  if (input.action === "move") {
    if (input.category === undefined) {
      throw badRequest("Choose a category", { category: ["Choose a category."] });
    }
    const category = input.category === null ? null : input.category.trim() || null;
    return (draft) => ({ ...draft, category });
  }
  const tag = input.tag?.trim();
  if (!tag) throw badRequest("Type the tag to add", { tag: ["Type the tag to add."] });
  return (draft) =>
    draft.tags.some((t) => t.toLowerCase() === tag.toLowerCase())
      ? draft
      : { ...draft, tags: [...draft.tags, tag] };
}
