"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { errorCodeOf, fieldErrorsOf, formErrorMessage } from "@/lib/trpc-errors";
import type { TemplateVisibility } from "@/server/templates/store/visibility";
import { draftFromForm, type EditorForm } from "./editor-form";
import { templatesPath } from "./template-types";
import type { EditorState } from "./use-editor-state";
import { carrySampleValues } from "./use-sample-values";
import { LEAVE_MESSAGE } from "./use-unsaved-changes";

/**
 * Save (create, or update against the version the author started from), archive, restore
 * and duplicate, with the server's answers turned into what the editor shows.
 */
export function useTemplateActions(slug: string, state: EditorState) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const create = useMutation(trpc.templates.create.mutationOptions());
  const update = useMutation(trpc.templates.update.mutationOptions());
  const archive = useMutation(trpc.templates.archive.mutationOptions());
  const restore = useMutation(trpc.templates.restore.mutationOptions());
  const duplicate = useMutation(trpc.templates.duplicate.mutationOptions());
  const remove = useMutation(trpc.templates.remove.mutationOptions());
  const [savedAt, setSavedAt] = useState<number | null>(null);
  /** The draft the last failed save sent: its field errors hold until those fields change. */
  const [failedDraft, setFailedDraft] = useState<unknown>(null);
  const { saved } = state;

  const invalidateLists = () =>
    queryClient.invalidateQueries({ queryKey: trpc.templates.pathKey() });

  async function fetchLatest(id: string) {
    return queryClient.fetchQuery({ ...trpc.templates.get.queryOptions({ id }), staleTime: 0 });
  }

  async function save(
    form: EditorForm,
    options: { expectedVersion?: number; visibility?: TemplateVisibility } = {},
  ) {
    if (create.isPending || update.isPending) return;
    const draft = draftFromForm(form);
    const { visibility } = options;
    const expectedVersion = options.expectedVersion ?? saved?.currentVersion;
    setFailedDraft(null);
    try {
      if (!saved) {
        const created = await create.mutateAsync({ ...draft, visibility });
        carrySampleValues(created.id);
        await invalidateLists();
        router.replace(`${templatesPath(slug, created.id)}?created=1`);
        return;
      }
      const updated = await update.mutateAsync({
        id: saved.id,
        expectedVersion: expectedVersion ?? saved.currentVersion,
        ...draft,
        visibility,
      });
      state.acceptSaved(updated, false);
      setSavedAt(Date.now());
      await invalidateLists();
    } catch {
      // Shown from the mutation's error.
      setFailedDraft(draft);
    }
  }

  /** After a conflict: take the other person's version and drop local edits. */
  async function loadLatest() {
    if (!saved) return;
    const latest = await fetchLatest(saved.id);
    state.acceptSaved(latest, true);
    update.reset();
  }

  /** After a conflict: save these edits over the newer version, knowingly. */
  async function overwriteLatest(form: EditorForm, visibility?: TemplateVisibility) {
    if (!saved) return;
    const latest = await fetchLatest(saved.id);
    update.reset();
    await save(form, { expectedVersion: latest.currentVersion, visibility });
  }

  async function setArchived(archived: boolean) {
    if (!saved) return;
    try {
      await (archived ? archive : restore).mutateAsync({ id: saved.id });
      state.acceptSaved(await fetchLatest(saved.id), false);
      await invalidateLists();
    } catch {
      // Shown from the mutation's error.
    }
  }

  /** Moves the template to the trash and goes back to the library. */
  async function trashTemplate() {
    if (!saved) return;
    try {
      await remove.mutateAsync({ ids: [saved.id] });
      await invalidateLists();
      router.push(`/w/${slug}/templates`);
    } catch {
      // Shown from the mutation's error.
    }
  }

  async function duplicateTemplate() {
    if (!saved) return;
    if (
      state.dirty &&
      !window.confirm(`The copy is made from the saved version. ${LEAVE_MESSAGE}`)
    ) {
      return;
    }
    try {
      const copy = await duplicate.mutateAsync({ id: saved.id });
      await invalidateLists();
      router.push(templatesPath(slug, copy.id));
    } catch {
      // Shown from the mutation's error.
    }
  }

  const saveError = saved ? update.error : create.error;
  const conflict = errorCodeOf(update.error) === "CONFLICT";
  // A conflict is about the whole template, not a field: it has its own message and actions.
  const fieldErrors = useMemo(
    () => (conflict ? {} : fieldErrorsOf(saveError)),
    [conflict, saveError],
  );
  const otherError = archive.error ?? restore.error ?? duplicate.error ?? remove.error;
  return {
    save,
    loadLatest,
    overwriteLatest,
    setArchived,
    duplicateTemplate,
    trashTemplate,
    trashing: remove.isPending,
    saving: create.isPending || update.isPending,
    archiving: archive.isPending || restore.isPending,
    duplicating: duplicate.isPending,
    savedAt,
    conflict,
    conflictMessage: conflict
      ? (fieldErrorsOf(update.error).expectedVersion?.join(" ") ?? update.error?.message ?? null)
      : null,
    fieldErrors,
    failedDraft,
    errorMessage: conflict
      ? null
      : (formErrorMessage(saveError) ?? formErrorMessage(otherError) ?? null),
  };
}
