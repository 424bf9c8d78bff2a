"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { formErrorMessage } from "@/lib/trpc-errors";
import { ExportButtons } from "./export-buttons";
import { EXPLAIN } from "./format";
import { GapsTable } from "./gaps-table";
import { NoRunYet } from "./no-run-yet";
import { useSelectedRun } from "./use-selected-run";

type StatusFilter = "open" | "resolved" | "dismissed" | "all";

/** All knowledge gaps of a run, filtered by status, with exports. */
export function GapsView({ slug, requestedRun }: { slug: string; requestedRun: string | null }) {
  const trpc = useTRPC();
  const { runs, runId } = useSelectedRun(requestedRun);
  const [status, setStatus] = useState<StatusFilter>("open");
  const gaps = useQuery({
    ...trpc.analysis.gaps.list.queryOptions({
      runId: runId ?? undefined,
      ...(status === "all" ? {} : { status }),
    }),
    enabled: runId !== null,
  });
  if (runs.isSuccess && runId === null) return <NoRunYet slug={slug} />;
  const error = runs.error ?? gaps.error;
  const list = gaps.data?.gaps ?? [];
  return (
    <Card aria-labelledby="gaps-title">
      <CardHeader
        id="gaps-title"
        title="Knowledge gaps"
        description={`Groups of customer messages the deployed model had no confident suggestion for. Severity: ${EXPLAIN.severity}`}
        actions={runId ? <ExportButtons runId={runId} what="gaps" /> : null}
      />
      <div className="flex items-center gap-3 border-b border-zinc-200 px-5 py-3">
        <label className="flex items-center gap-2 text-sm text-zinc-600">
          Status
          <Select
            className="w-40"
            value={status}
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
            options={[
              { value: "open", label: "Open" },
              { value: "resolved", label: "Resolved" },
              { value: "dismissed", label: "Dismissed" },
              { value: "all", label: "All" },
            ]}
          />
        </label>
        {gaps.data ? <span className="text-sm text-zinc-500">{list.length} shown</span> : null}
      </div>
      {error ? <Alert tone="error">{formErrorMessage(error)}</Alert> : null}
      {gaps.isSuccess && list.length === 0 ? (
        <EmptyState
          className="m-5"
          title={
            status === "open" ? "No open gaps" : `No ${status === "all" ? "" : `${status} `}gaps`
          }
          description={
            status === "open"
              ? "Every group of not-confident messages in this run has been resolved or dismissed, or the model was confident about nearly everything."
              : "Try another status filter."
          }
        />
      ) : null}
      {list.length > 0 ? <GapsTable gaps={list} slug={slug} /> : null}
    </Card>
  );
}
