"use client";

import type { ReactNode } from "react";
import { Button } from "./button";
import { useModalDialog } from "./use-modal-dialog";

type DialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
};

/**
 * A modal built on the native <dialog>: focus moves inside and is trapped there, Escape
 * closes it, and focus returns to the opener afterwards.
 */
export function Dialog({ open, onClose, title, description, children, footer }: DialogProps) {
  const { titleId, descriptionId, dialogProps } = useModalDialog(open, onClose, !!description);

  return (
    <dialog
      {...dialogProps}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-zinc-200 bg-white p-0 text-left text-zinc-900 shadow-xl"
    >
      {open ? (
        <div>
          <div className="space-y-2 px-5 pt-5 pb-4">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            {description ? (
              <div id={descriptionId} className="text-sm text-zinc-600">
                {description}
              </div>
            ) : null}
            {children}
          </div>
          {footer ? (
            <div className="flex flex-wrap justify-end gap-2 rounded-b-lg border-t border-zinc-200 bg-zinc-50 px-5 py-3">
              {footer}
            </div>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}

type ConfirmDialogProps = {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pending?: boolean;
  pendingLabel?: string;
  error?: string | null;
};

/** "Are you sure?" for destructive actions; the confirm button is the danger one. */
export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  description,
  confirmLabel,
  pending = false,
  pendingLabel = "Working…",
  error,
}: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={pending ? () => {} : onClose}
      title={title}
      description={description}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending} autoFocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            onClick={onConfirm}
            pending={pending}
            pendingLabel={pendingLabel}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      {error ? <p className="text-sm text-red-600">{error}</p> : null}
    </Dialog>
  );
}
