"use client";

import type { ReactNode } from "react";
import { useModalDialog } from "./use-modal-dialog";

type LargeDialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
};

/**
 * Dialog's wider sibling for forms and reports (imports, previews): the same native <dialog>
 * (focus trapped, Escape closes, focus returns), up to 48rem wide, with a body that scrolls
 * between a fixed title and footer.
 */
export function LargeDialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
}: LargeDialogProps) {
  const { titleId, descriptionId, dialogProps } = useModalDialog(open, onClose, !!description);

  return (
    <dialog
      {...dialogProps}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-1rem)] max-w-3xl overflow-hidden rounded-lg border border-zinc-200 bg-white p-0 text-left text-zinc-900 shadow-xl sm:w-[calc(100%-2rem)]"
    >
      {open ? (
        <div className="flex max-h-[calc(100dvh-2rem)] flex-col">
          <div className="space-y-1 border-b border-zinc-200 px-5 pt-5 pb-4">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            {description ? (
              <div id={descriptionId} className="text-sm text-zinc-600">
                {description}
              </div>
            ) : null}
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
          {footer ? (
            <div className="flex flex-wrap justify-end gap-2 border-t border-zinc-200 bg-zinc-50 px-5 py-3">
              {footer}
            </div>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}
