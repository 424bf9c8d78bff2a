"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-react-provider";

/**
 * The run a page shows: the one in `?run=` when given, else the latest finished run. While any
 * run is still going the list is polled, so a run started elsewhere shows up when it finishes.
 */
export function useSelectedRun(requested: string | null) {
  const trpc = useTRPC();
  const runs = useQuery({
    ...trpc.analysis.runs.queryOptions({ limit: 50 }),
    refetchInterval: (query) =>
      (query.state.data ?? []).some((r) => r.status === "running") ? 3000 : false,
  });
  const list = runs.data ?? [];
  const latestDone = list.find((r) => r.status === "done") ?? null;
  const runId = requested ?? latestDone?.id ?? null;
  return { runs, list, runId, latestDone };
}
