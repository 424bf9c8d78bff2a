"use client";

import { useEffect, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FavouriteButton } from "./favourite-button";
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
  const [confirming, setConfirming] = useState<"archive" | "trash" | null>(null);
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
      {saved ? <FavouriteButton templateId={saved.id} /> : null}
      {saved ? (
        <ButtonLink variant="ghost" href={templatesPath(slug, saved.id, "versions")}>
          History
        </ButtonLink>
      ) : null}
      {saved ? (
        <>
          <ButtonLink variant="ghost" href={templatesPath(slug, saved.id, "analytics")}>
            Analytics
          </ButtonLink>
          <ButtonLink variant="ghost" href={templatesPath(slug, saved.id, "ab-tests")}>
            A/B tests
          </ButtonLink>
        </>
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
            onClick={() =>
              saved.status === "archived"
                ? void actions.setArchived(false)
                : setConfirming("archive")
            }
            pending={actions.archiving}
            pendingLabel={saved.status === "archived" ? "Restoring…" : "Archiving…"}
          >
            {saved.status === "archived" ? "Restore from archive" : "Archive"}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming("trash")}>
            Delete
          </Button>
          <ConfirmDialog
            open={confirming === "archive"}
            onClose={() => setConfirming(null)}
            onConfirm={() => {
              setConfirming(null);
              void actions.setArchived(true);
            }}
            title={`Archive "${saved.name}"?`}
            description="Agents will no longer be offered it, and it leaves the library's list; it stays under the Archived status and can be restored at any time."
            confirmLabel="Archive"
          />
          <ConfirmDialog
            open={confirming === "trash"}
            onClose={() => setConfirming(null)}
            onConfirm={() => void actions.trashTemplate()}
            title={`Delete "${saved.name}"?`}
            description="It moves to the trash, where you can restore it for 30 days; after that it is deleted for good."
            confirmLabel="Move to trash"
            pending={actions.trashing}
            pendingLabel="Deleting…"
          />
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
