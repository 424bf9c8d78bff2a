"use client";

import { useEffect, useRef } from "react";

export type InboxKeyActions = {
  move: (delta: 1 | -1) => void;
  insertSuggestion: (rank: number) => void;
  focusSearch: () => void;
  toggleShortcuts: () => void;
};

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * The inbox's single-key shortcuts (j/k, 1–3, /, ?), active whenever the focus is not in a text
 * field, so typing a reply never triggers them. Tab and Ctrl+Enter belong to the composer.
 */
export function useInboxKeys(actions: InboxKeyActions): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (typingIn(event.target) || document.querySelector("dialog[open]")) return;
      const a = ref.current;
      if (event.key === "j") a.move(1);
      else if (event.key === "k") a.move(-1);
      else if (event.key >= "1" && event.key <= "3") a.insertSuggestion(Number(event.key));
      else if (event.key === "/") a.focusSearch();
      else if (event.key === "?") a.toggleShortcuts();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
