"use client";

import { type QueryClient, type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { createEventCoalescer } from "./event-coalescer";

/** How long change events gather before the inbox refetches (event-coalescer.ts). */
const REFETCH_WINDOW_MS = 250;

/**
 * Refetches the conversation list without cancelling a fetch of it under way. Invalidating
 * cancels one by default: a "Load older conversations" page in flight was dropped and the list
 * refetched only the pages it had, so the agent's click was lost (the stream opening right after
 * the click did it). The fetch under way now finishes, and the list is refetched after it.
 */
export async function refetchListAfterFetches(
  queryClient: QueryClient,
  queryKey: QueryKey,
): Promise<void> {
  const busy = queryClient.isFetching({ queryKey }) > 0;
  // With cancelRefetch false a query that is fetching hands back that fetch instead of a new one.
  await queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
  if (busy) await queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
}

/**
 * Follows `GET /api/inbox/events` (server-sent events fed by NOTIFY): each event names a changed
 * conversation, and the list, the tabs' counts and that conversation's thread are refetched —
 * at most once per REFETCH_WINDOW_MS for a burst of events.
 * EventSource reconnects by itself with Last-Event-ID; every (re)opening also refetches, so
 * nothing changed before the stream started is missed either.
 */
export function useInboxEvents(slug: string): "connecting" | "live" | "offline" {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<"connecting" | "live" | "offline">("connecting");
  useEffect(() => {
    const source = new EventSource(`/api/inbox/events?workspace=${encodeURIComponent(slug)}`);
    source.onerror = () =>
      setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    const changes = createEventCoalescer(REFETCH_WINDOW_MS, (ids) => {
      void refetchListAfterFetches(queryClient, trpc.inbox.list.pathKey());
      void queryClient.invalidateQueries({ queryKey: trpc.inbox.counts.queryKey() });
      for (const id of ids) {
        void queryClient.invalidateQueries({ queryKey: trpc.inbox.get.queryKey({ id }) });
      }
    });
    // A stream that opens without a Last-Event-ID starts from the changes made after it opened:
    // what changed between the list's fetch and now (or while disconnected) is refetched here.
    source.onopen = () => {
      setState("live");
      void refetchListAfterFetches(queryClient, trpc.inbox.list.pathKey());
      void queryClient.invalidateQueries({ queryKey: trpc.inbox.counts.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.inbox.get.pathKey() });
    };
    source.addEventListener("conversation", (event) => {
      const { id } = JSON.parse((event as MessageEvent<string>).data) as { id: string };
      changes.add(id);
    });
    return () => {
      source.close();
      changes.cancel();
    };
  }, [slug, trpc, queryClient]);
  return state;
}
