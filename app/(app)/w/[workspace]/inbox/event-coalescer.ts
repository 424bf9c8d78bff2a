/**
 * Gathers the inbox's change events for a short window and hands them over once: a burst (an
 * import, a webhook pushing a hundred conversations) costs one refetch of the list and the tab
 * counts per window instead of one per event, and each changed conversation's thread once.
 * Throttled, not debounced: a steady stream still reaches the screen every `windowMs`.
 */
export interface EventCoalescer {
  /** A conversation changed: flushed within `windowMs`. */
  add(conversationId: string): void;
  /** Drops what is waiting (the page is going away). */
  cancel(): void;
}

export function createEventCoalescer(
  windowMs: number,
  flush: (conversationIds: ReadonlySet<string>) => void,
): EventCoalescer {
  let waiting = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    add(conversationId) {
      waiting.add(conversationId);
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        const ids = waiting;
        waiting = new Set();
        flush(ids);
      }, windowMs);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      waiting = new Set();
    },
  };
}
