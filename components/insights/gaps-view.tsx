"use client";

import { useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
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

/** Gaps per page: a 100k-message run makes ≈ 190 gaps, so most runs fit on one. */
const PAGE = 200;

/** All knowledge gaps of a run, filtered by status, with exports; pages of 200, most severe first. */
export function GapsView({ slug, requestedRun }: { slug: string; requestedRun: string | null }) {
  const trpc = useTRPC();
  const { runs, runId } = useSelectedRun(requestedRun);
  const [status, setStatus] = useState<StatusFilter>("open");
  const [pageCount, setPageCount] = useState(1);
  const pages = useQueries({
    queries: Array.from({ length: pageCount }, (_, i) => ({
      ...trpc.analysis.gaps.list.queryOptions({
        runId: runId ?? undefined,
        ...(status === "all" ? {} : { status }),
        offset: i * PAGE,
        limit: PAGE,
      }),
      enabled: runId !== null,
    })),
  });
  if (runs.isSuccess && runId === null) return <NoRunYet slug={slug} />;
  const first = pages[0];
  const error = runs.error ?? pages.find((p) => p.error)?.error;
  const list = pages.flatMap((p) => p.data?.gaps ?? []);
  const loadingMore = pageCount > 1 && pages.some((p) => p.isPending);
  const hasMore = pages[pages.length - 1]?.data?.nextOffset != null;
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
            onChange={(e) => {
              setStatus(e.target.value as StatusFilter);
              setPageCount(1);
            }}
            options={[
              { value: "open", label: "Open" },
              { value: "resolved", label: "Resolved" },
              { value: "dismissed", label: "Dismissed" },
              { value: "all", label: "All" },
            ]}
          />
        </label>
        {first?.data ? (
          <span className="text-sm text-zinc-500" data-testid="gaps-count">
            {list.length} of {first.data.total} {first.data.total === 1 ? "gap" : "gaps"}
          </span>
        ) : null}
      </div>
      {error ? <Alert tone="error">{formErrorMessage(error)}</Alert> : null}
      {first?.isSuccess && list.length === 0 ? (
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
      {hasMore || loadingMore ? (
        <div className="flex justify-end px-5 py-3">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => setPageCount((n) => n + 1)}
            pending={loadingMore}
            pendingLabel="Loading…"
          >
            Show more gaps
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
