import type { ReactNode } from "react";
import { RowActions } from "./row-actions";

type EditorRowProps = {
  /** "Variable 2", "Trigger 1": the group's accessible name and its visible caption. */
  label: string;
  /** Extra text after the caption, e.g. how often a variable is used. */
  note?: string;
  index: number;
  count: number;
  readOnly: boolean;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
  children: ReactNode;
};

/** One row of the variables or triggers panel: a labelled group with move/remove actions. */
export function EditorRow({
  label,
  note,
  index,
  count,
  readOnly,
  onMove,
  onRemove,
  children,
}: EditorRowProps) {
  return (
    <fieldset
      aria-label={label}
      className="min-w-0 space-y-3 rounded-md border border-zinc-200 bg-white p-3 sm:p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs font-medium text-zinc-500" aria-hidden="true">
          {label}
          {note ? ` · ${note}` : ""}
        </p>
        {readOnly ? null : (
          <RowActions
            what={label.toLowerCase()}
            isFirst={index === 0}
            isLast={index === count - 1}
            onMove={onMove}
            onRemove={onRemove}
          />
        )}
      </div>
      {children}
    </fieldset>
  );
}
