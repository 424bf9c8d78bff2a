"use client";

import { Button } from "@/components/ui/button";
import type { FormatKind } from "./format-edit";

const BUTTONS: { kind: FormatKind; label: string; title: string; className?: string }[] = [
  { kind: "bold", label: "B", title: "Bold (Ctrl+B)", className: "font-bold" },
  { kind: "italic", label: "I", title: "Italic (Ctrl+I)", className: "italic" },
  { kind: "link", label: "Link", title: "Link (http, https or mailto)" },
  { kind: "list", label: "List", title: "Bulleted list" },
];

/** B / I / link / list: each writes the Markdown the renderer formats. */
export function FormatToolbar({
  onFormat,
  disabled,
}: {
  onFormat: (kind: FormatKind) => void;
  disabled?: boolean;
}) {
  return (
    <div role="toolbar" aria-label="Formatting" className="flex flex-wrap gap-1">
      {BUTTONS.map((button) => (
        <Button
          key={button.kind}
          type="button"
          size="sm"
          variant="ghost"
          title={button.title}
          aria-label={button.title}
          disabled={disabled}
          // Keep the textarea's selection: a click would otherwise move focus first.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onFormat(button.kind)}
          className={button.className}
        >
          {button.label}
        </Button>
      ))}
    </div>
  );
}
