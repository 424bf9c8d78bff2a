"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";

/**
 * Follows `GET /api/inbox/events` (server-sent events fed by NOTIFY): each event names a changed
 * conversation, and the list, the tabs' counts and that conversation's thread are refetched.
 * EventSource reconnects by itself with Last-Event-ID, so a dropped connection misses nothing.
 */
export function useInboxEvents(slug: string): "connecting" | "live" | "offline" {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<"connecting" | "live" | "offline">("connecting");
  useEffect(() => {
    const source = new EventSource(`/api/inbox/events?workspace=${encodeURIComponent(slug)}`);
    source.onopen = () => setState("live");
    source.onerror = () =>
      setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    source.addEventListener("conversation", (event) => {
      const { id } = JSON.parse((event as MessageEvent<string>).data) as { id: string };
      void queryClient.invalidateQueries({ queryKey: trpc.inbox.list.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.inbox.counts.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.inbox.get.queryKey({ id }) });
    });
    return () => source.close();
  }, [slug, trpc, queryClient]);
  return state;
}
