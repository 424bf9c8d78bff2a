"use client";

import { useMemo, useState } from "react";
import { type EditorForm, emptyForm, formFromDraft, formSignature } from "./editor-form";
import type { TemplateDetail } from "./template-types";

export function formFromTemplate(template: TemplateDetail): EditorForm {
  return formFromDraft({ ...template, category: template.category?.name ?? null });
}

/**
 * The form and the last state the server confirmed. Dirty means the form would save something
 * different from that state; comparing drafts (not keystrokes) means undoing an edit by hand
 * makes the form clean again.
 */
export function useEditorState(initial: TemplateDetail | null) {
  const [saved, setSaved] = useState<TemplateDetail | null>(initial);
  const [form, setForm] = useState<EditorForm>(() =>
    initial ? formFromTemplate(initial) : emptyForm(),
  );
  const baseline = useMemo(
    () => formSignature(saved ? formFromTemplate(saved) : emptyForm()),
    [saved],
  );
  const dirty = useMemo(() => formSignature(form) !== baseline, [form, baseline]);

  function patch(changes: Partial<EditorForm>) {
    setForm((current) => ({ ...current, ...changes }));
  }

  /**
   * Takes a newer server state. With `replaceForm` local edits are dropped; otherwise they are
   * kept, except the status follows the server's when the author had not changed it.
   */
  function acceptSaved(next: TemplateDetail, replaceForm: boolean) {
    const previousStatus = saved?.status;
    setSaved(next);
    if (replaceForm) setForm(formFromTemplate(next));
    else {
      setForm((current) =>
        current.status === previousStatus ? { ...current, status: next.status } : current,
      );
    }
  }

  return { form, setForm, patch, saved, acceptSaved, dirty };
}

export type EditorState = ReturnType<typeof useEditorState>;
