import { Button } from "@/components/ui/button";

type RowActionsProps = {
  /** "variable 2": names the row in the buttons' accessible names. */
  what: string;
  isFirst: boolean;
  isLast: boolean;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
};

/** Move up, move down and remove, for a row of a list the author orders. */
export function RowActions({ what, isFirst, isLast, onMove, onRemove }: RowActionsProps) {
  return (
    <div className="flex items-center gap-1">
      <Button
        variant="ghost"
        size="sm"
        disabled={isFirst}
        onClick={() => onMove(-1)}
        aria-label={`Move ${what} up`}
        title="Move up"
      >
        ↑
      </Button>
      <Button
        variant="ghost"
        size="sm"
        disabled={isLast}
        onClick={() => onMove(1)}
        aria-label={`Move ${what} down`}
        title="Move down"
      >
        ↓
      </Button>
      <Button variant="ghost" size="sm" onClick={onRemove} className="text-red-700">
        Remove<span className="sr-only"> {what}</span>
      </Button>
    </div>
  );
}
