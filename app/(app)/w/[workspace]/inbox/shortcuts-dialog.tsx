"use client";

import { Dialog } from "@/components/ui/dialog";

const SHORTCUTS: [string, string][] = [
  ["j / k", "Next / previous conversation"],
  ["1 – 3", "Insert suggestion 1, 2 or 3"],
  ["/", "Search templates by name"],
  ["Tab", "Select the next unfilled variable in the reply"],
  ["Ctrl + Enter", "Send the reply (or add the note)"],
  ["?", "Show these shortcuts"],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="shortcuts">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs">{keys}</kbd>
            </dt>
            <dd className="text-zinc-700">{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
