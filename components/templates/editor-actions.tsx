"use client";

import { useEffect, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { type TemplateDetail, templatesPath } from "./template-types";
import type { useTemplateActions } from "./use-template-actions";

type EditorActionsProps = {
  slug: string;
  saved: TemplateDetail | null;
  canWrite: boolean;
  dirty: boolean;
  actions: ReturnType<typeof useTemplateActions>;
  onSave: () => void;
};

export function EditorActions({
  slug,
  saved,
  canWrite,
  dirty,
  actions,
  onSave,
}: EditorActionsProps) {
  const [showSaved, setShowSaved] = useState(false);
  useEffect(() => {
    if (actions.savedAt === null) return;
    setShowSaved(true);
    const timer = setTimeout(() => setShowSaved(false), 2500);
    return () => clearTimeout(timer);
  }, [actions.savedAt]);

  return (
    <>
      <span role="status" className="text-sm text-emerald-700">
        {showSaved && !dirty ? "Saved" : ""}
      </span>
      {saved ? (
        <ButtonLink variant="ghost" href={templatesPath(slug, saved.id, "versions")}>
          History
        </ButtonLink>
      ) : null}
      {saved && canWrite ? (
        <>
          <Button
            variant="secondary"
            onClick={() => void actions.duplicateTemplate()}
            pending={actions.duplicating}
            pendingLabel="Duplicating…"
          >
            Duplicate
          </Button>
          <Button
            variant="secondary"
            onClick={() => void actions.setArchived(saved.status !== "archived")}
            pending={actions.archiving}
            pendingLabel={saved.status === "archived" ? "Restoring…" : "Archiving…"}
          >
            {saved.status === "archived" ? "Restore from archive" : "Archive"}
          </Button>
        </>
      ) : null}
      {canWrite ? (
        <Button
          onClick={onSave}
          pending={actions.saving}
          pendingLabel="Saving…"
          disabled={saved !== null && !dirty}
          title="Save (Ctrl+S / ⌘S)"
          aria-keyshortcuts="Control+S Meta+S"
        >
          Save
        </Button>
      ) : null}
    </>
  );
}
