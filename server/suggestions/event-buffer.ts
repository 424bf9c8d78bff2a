import type { Tx } from "@/db/client";
import { log } from "@/server/logger";
import { type NewSuggestionEvent, recordSuggestions } from "./past-choices";

/**
 * Suggestion events are written behind the answer, and together: a workspace's events wait
 * here up to FLUSH_AFTER_MS (or until MAX_BATCH of them) and go out as one multi-row insert in
 * one transaction. Written one by one, each cost a transaction of its own (five round trips) —
 * under load as much database work as the suggestion itself. Only feedback reads these rows,
 * seconds later; feedback in this process waits for a pending batch (`settledSuggestion`).
 * A failed batch is logged: the answers were already given, and only feedback on those
 * suggestions is lost.
 *
 * 50 ms, not 15: a batch is a transaction of five round trips whatever its size, and at
 * ≈ 1,500 suggestions/s the socket writes of 66 of them a second were ≈ 5 % of the event
 * loop (bench/suggest-http.ts profile); 20 a second cost a third of that. Feedback through
 * another process (WEB_PROCESSES > 1, a new connection) within 50 ms of its suggestion would
 * not find it yet; people and keep-alive clients do not do that.
 */
export const FLUSH_AFTER_MS = 50;
export const MAX_BATCH = 250;

type InTenant = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

interface Batch {
  events: NewSuggestionEvent[];
  flush: () => void;
  /** Settles once the batch is committed or its failure logged; never rejects. */
  written: Promise<void>;
}

/** The batch filling up, by workspace. */
const filling = new Map<string, Batch>();
/** Batches not yet committed, by suggestion id. */
const pending = new Map<string, Promise<void>>();

function openBatch(workspaceId: string, inTenant: InTenant): Batch {
  let release: () => void = () => {};
  const due = new Promise<void>((resolve) => {
    release = resolve;
  });
  const timer = setTimeout(() => batch.flush(), FLUSH_AFTER_MS);
  const batch: Batch = {
    events: [],
    flush: () => {
      clearTimeout(timer);
      if (filling.get(workspaceId) === batch) filling.delete(workspaceId);
      release();
    },
    written: due
      .then(() => inTenant((tx) => recordSuggestions(tx, batch.events)))
      .then(
        () => undefined,
        (error: unknown) => {
          log.error("suggestions: could not record suggestion events", {
            events: batch.events.length,
            error: error instanceof Error ? error.message : String(error),
          });
        },
      )
      .finally(() => {
        for (const event of batch.events) pending.delete(event.id);
      }),
  };
  filling.set(workspaceId, batch);
  return batch;
}

/**
 * Queues the event for its workspace's next batch. `inTenant` opens the tenant transaction the
 * batch is written in (any caller's will do: the rows carry their own workspace and requester).
 */
export function queueSuggestionEvent(event: NewSuggestionEvent, inTenant: InTenant): void {
  const batch = filling.get(event.workspaceId) ?? openBatch(event.workspaceId, inTenant);
  batch.events.push(event);
  pending.set(event.id, batch.written);
  if (batch.events.length >= MAX_BATCH) batch.flush();
}

/** Waits for this process's write of the event, if it is still queued or under way. */
export async function settledSuggestion(id: string): Promise<void> {
  const written = pending.get(id);
  if (!written) return;
  // Whoever waits for an event (feedback) should not also wait out the batching delay.
  for (const batch of filling.values()) if (batch.events.some((e) => e.id === id)) batch.flush();
  await written;
}

/** Writes every queued batch now and waits for them (shutdown, benchmarks). */
export async function flushSuggestionEvents(): Promise<void> {
  const batches = [...filling.values()];
  for (const batch of batches) batch.flush();
  await Promise.all(batches.map((b) => b.written));
}
