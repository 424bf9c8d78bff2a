import type { SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Tx } from "@/db/client";
import {
  FLUSH_AFTER_MS,
  flushSuggestionEvents,
  MAX_BATCH,
  queueSuggestionEvent,
  settledSuggestion,
} from "./event-buffer";
import type { NewSuggestionEvent } from "./past-choices";

/**
 * A transaction that only records which events the insert would write (its one JSON
 * parameter; the real write is covered by past-choices.int.test.ts).
 */
function recordingTenant(options: { fail?: boolean } = {}) {
  const transactions: { id: string; workspace_id: string }[][] = [];
  const inTenant = async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
    if (options.fail) throw new Error("database went away");
    const tx = {
      execute: async (query: SQL) => {
        const rows = query.queryChunks.find((chunk) => typeof chunk === "string");
        if (typeof rows === "string")
          transactions.push(JSON.parse(rows) as { id: string; workspace_id: string }[]);
      },
    };
    return fn(tx as unknown as Tx);
  };
  return { transactions, inTenant };
}

let n = 0;
const event = (workspaceId: string): NewSuggestionEvent => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  workspaceId,
  conversationId: null,
  text: `message ${n}`,
  tokens: ["message"],
  suggestedTemplateIds: [],
  confident: false,
  modelVersion: null,
  requestedBy: null,
});

describe("suggestion event buffer", () => {
  it("writes a workspace's events of one moment in one transaction, after the answer", async () => {
    const { transactions, inTenant } = recordingTenant();
    const events = [event("ws-a"), event("ws-a"), event("ws-a")];
    for (const e of events) queueSuggestionEvent(e, inTenant);
    expect(transactions).toHaveLength(0);
    await settledSuggestion(events[0]?.id ?? "");
    expect(transactions).toHaveLength(1);
    expect(transactions[0]?.map((r) => r.id)).toEqual(events.map((e) => e.id));
  });

  it("keeps workspaces in separate transactions", async () => {
    const { transactions, inTenant } = recordingTenant();
    const a = event("ws-a");
    const b = event("ws-b");
    queueSuggestionEvent(a, inTenant);
    queueSuggestionEvent(b, inTenant);
    await Promise.all([settledSuggestion(a.id), settledSuggestion(b.id)]);
    expect(transactions.map((t) => t.map((r) => r.workspace_id))).toEqual([["ws-a"], ["ws-b"]]);
  });

  it("flushes a full batch at once instead of waiting", async () => {
    const { transactions, inTenant } = recordingTenant();
    const started = performance.now();
    const events = Array.from({ length: MAX_BATCH + 1 }, () => event("ws-full"));
    for (const e of events) queueSuggestionEvent(e, inTenant);
    await settledSuggestion(events[0]?.id ?? "");
    expect(transactions[0]).toHaveLength(MAX_BATCH);
    expect(performance.now() - started).toBeLessThan(FLUSH_AFTER_MS * 10);
    await flushSuggestionEvents();
    expect(transactions.map((t) => t.length)).toEqual([MAX_BATCH, 1]);
  });

  it("logs a failed batch without rejecting the callers that wait for it", async () => {
    const { inTenant } = recordingTenant({ fail: true });
    const e = event("ws-fail");
    queueSuggestionEvent(e, inTenant);
    await expect(settledSuggestion(e.id)).resolves.toBeUndefined();
    // Settled, so nothing waits on it any more.
    await expect(settledSuggestion(e.id)).resolves.toBeUndefined();
  });
});
