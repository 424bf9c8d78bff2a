"use client";

import type { KeyboardEvent, RefObject } from "react";
import { Button } from "@/components/ui/button";
import { classNames } from "@/lib/class-names";
import { nextPlaceholder } from "./reply-text";

export type ComposerMode = "reply" | "note";

/** A template the agent inserted: what it rendered to, and which suggestion it was. */
export type Inserted = {
  templateId: string;
  name: string;
  renderedText: string;
  rank: number | null;
  shownTemplateIds: string[];
  suggestionId: string | null;
};

/**
 * The reply box. An inserted template stays plain editable text; `Tab` selects the next
 * unfilled `{variable}` (and moves focus on only when none is left), `Ctrl+Enter` sends.
 */
export function Composer(props: {
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  text: string;
  onText: (text: string) => void;
  mode: ComposerMode;
  onMode: (mode: ComposerMode) => void;
  inserted: Inserted | null;
  onClearInserted: () => void;
  onSend: () => void;
  sending: boolean;
  error: string | null;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const box = event.currentTarget;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      props.onSend();
      return;
    }
    if (event.key === "Tab" && !event.shiftKey && !event.altKey && !event.ctrlKey) {
      // From the end of the current selection, so Tab on a selected variable moves to the next.
      const next = nextPlaceholder(box.value, box.selectionEnd);
      if (!next) return;
      event.preventDefault();
      box.setSelectionRange(next.start, next.end);
    }
  };
  const unfilled = props.text.match(/\{[A-Za-z_][A-Za-z0-9_.]*(?:\|[^{}\n]*)?\}/g)?.length ?? 0;
  return (
    <div className="border-t border-zinc-200 bg-white p-3">
      <div className="mb-2 flex items-center gap-2 text-xs">
        {(["reply", "note"] as const).map((mode) => (
          <button
            key={mode}
            type="button"
            onClick={() => props.onMode(mode)}
            aria-pressed={props.mode === mode}
            className={classNames(
              "rounded px-2 py-1 font-medium",
              props.mode === mode ? "bg-zinc-800 text-white" : "text-zinc-600 hover:bg-zinc-100",
            )}
          >
            {mode === "reply" ? "Reply" : "Internal note"}
          </button>
        ))}
        {props.inserted && props.mode === "reply" && (
          <span className="ml-2 text-zinc-500" data-testid="inserted-template">
            From template “{props.inserted.name}”
            <button type="button" className="ml-1 underline" onClick={props.onClearInserted}>
              detach
            </button>
          </span>
        )}
        {unfilled > 0 && (
          <span className="ml-auto text-amber-700" data-testid="unfilled-count">
            {unfilled} unfilled — Tab to fill
          </span>
        )}
      </div>
      <label htmlFor="composer" className="sr-only">
        {props.mode === "reply" ? "Reply" : "Internal note"}
      </label>
      <textarea
        id="composer"
        ref={props.textareaRef}
        value={props.text}
        onChange={(e) => props.onText(e.target.value)}
        onKeyDown={onKeyDown}
        rows={5}
        placeholder={
          props.mode === "reply"
            ? "Write a reply — or press 1–3 for a suggestion, / to search templates"
            : "A note for your team (never sent)"
        }
        className={classNames(
          "w-full resize-y rounded-md border px-3 py-2 text-sm focus:outline-2 focus:outline-accent-500",
          props.mode === "note" ? "border-amber-300 bg-amber-50" : "border-zinc-300",
        )}
      />
      <div className="mt-2 flex items-center justify-between">
        <p className="text-xs text-red-600" role="alert">
          {props.error}
        </p>
        <Button
          size="sm"
          onClick={props.onSend}
          pending={props.sending}
          pendingLabel="Sending…"
          disabled={!props.text.trim()}
        >
          {props.mode === "reply" ? "Send" : "Add note"}{" "}
          <kbd className="text-[10px] opacity-70">Ctrl+Enter</kbd>
        </Button>
      </div>
    </div>
  );
}
