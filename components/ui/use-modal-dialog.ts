"use client";

import { useEffect, useId, useRef } from "react";

/**
 * What every modal here shares, on the native <dialog>: showModal() when `open` turns true
 * (focus moves inside and is trapped, focus returns to the opener on close), Escape routed to
 * `onClose`, and ids linking the title and description for screen readers.
 */
export function useModalDialog(open: boolean, onClose: () => void, hasDescription: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return {
    titleId,
    descriptionId,
    dialogProps: {
      ref,
      "aria-labelledby": titleId,
      "aria-describedby": hasDescription ? descriptionId : undefined,
      onClose,
      onCancel: (event: { preventDefault: () => void }) => {
        event.preventDefault();
        onClose();
      },
    },
  };
}
