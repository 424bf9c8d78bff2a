"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { lastDays } from "@/components/analytics/format";
import { useJobEvents } from "@/components/jobs/use-job-events";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Select } from "@/components/ui/select";
import { formatCount } from "@/lib/format";
import { formErrorMessage } from "@/lib/trpc-errors";

type Source = "inbox" | "dataset";

/**
 * Admins start an analysis of a dataset or of a period of inbox messages; the bar follows the
 * job's event stream (as the training page does) and the page refreshes when it is done. After a
 * reload it follows the latest run still running (its job id comes with `analysis.runs`).
 */
export function RunAnalysis({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [source, setSource] = useState<Source>("inbox");
  const [period, setPeriod] = useState(lastDays(30));
  const [datasetId, setDatasetId] = useState("");
  const [jobId, setJobId] = useState<string | null>(null);
  const datasets = useQuery(trpc.datasets.list.queryOptions());
  // Knowledge datasets hold articles, not customer messages: nothing to analyse.
  const ready = (datasets.data ?? []).filter((d) => d.status === "ready" && d.kind !== "knowledge");
  const start = useMutation(
    trpc.analysis.start.mutationOptions({
      onSuccess: async (result) => {
        setJobId(result.jobId);
        await queryClient.invalidateQueries({ queryKey: trpc.analysis.pathKey() });
        if (!result.jobId) router.refresh();
      },
    }),
  );
  const runs = useQuery(trpc.analysis.runs.queryOptions({ limit: 5 }));
  const resumed = runs.data?.find((r) => r.status === "running" && r.jobId)?.jobId ?? null;
  const followed = jobId ?? resumed;
  const live = useJobEvents(followed, slug);
  const finished = live?.state === "done" || live?.state === "failed";
  useEffect(() => {
    if (!finished) return;
    void queryClient.invalidateQueries({ queryKey: trpc.analysis.pathKey() });
    router.refresh();
  }, [finished, queryClient, router, trpc]);

  const running = followed !== null && !finished && live?.state !== "cancelled";
  const chosenDataset = datasetId || ready[0]?.id || "";
  function submit() {
    if (source === "dataset") start.mutate({ source, datasetId: chosenDataset });
    else start.mutate({ source, from: period.from, to: period.to });
  }
  return (
    <Card aria-labelledby="run-analysis-title">
      <CardHeader
        id="run-analysis-title"
        title="Run analysis"
        description="Finds the messages your deployed model is not confident about, groups them into knowledge gaps, tracks topics and writes recommendations."
      />
      <CardBody className="space-y-4">
        <form
          className="flex flex-wrap items-end gap-3"
          aria-label="Analysis source"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label className="space-y-1 text-sm">
            <span className="block text-zinc-600">Source</span>
            <Select
              value={source}
              onChange={(e) => setSource(e.target.value as Source)}
              options={[
                { value: "inbox", label: "Inbox messages in a period" },
                { value: "dataset", label: "A dataset" },
              ]}
            />
          </label>
          {source === "inbox" ? (
            <>
              <label className="space-y-1 text-sm">
                <span className="block text-zinc-600">From</span>
                <Input
                  type="date"
                  value={period.from}
                  onChange={(e) => e.target.value && setPeriod({ ...period, from: e.target.value })}
                />
              </label>
              <label className="space-y-1 text-sm">
                <span className="block text-zinc-600">To</span>
                <Input
                  type="date"
                  value={period.to}
                  onChange={(e) => e.target.value && setPeriod({ ...period, to: e.target.value })}
                />
              </label>
            </>
          ) : (
            <label className="space-y-1 text-sm">
              <span className="block text-zinc-600">Dataset</span>
              <Select
                value={chosenDataset}
                onChange={(e) => setDatasetId(e.target.value)}
                disabled={ready.length === 0}
              >
                {ready.length === 0 ? <option value="">No ready dataset</option> : null}
                {ready.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name} ({formatCount(d.rowCount)} rows)
                  </option>
                ))}
              </Select>
            </label>
          )}
          <Button
            type="submit"
            pending={start.isPending || running}
            pendingLabel="Analysing…"
            disabled={source === "dataset" && !chosenDataset}
          >
            Run analysis
          </Button>
        </form>
        {start.error ? <Alert tone="error">{formErrorMessage(start.error)}</Alert> : null}
        {followed && live ? (
          <div className="space-y-1" data-testid="analysis-progress">
            <ProgressBar
              value={live.state === "done" ? 100 : live.progress}
              label="Analysis progress"
            />
            <p className="text-xs text-zinc-500" data-testid="analysis-job-state">
              {live.state === "done"
                ? "Done: the results below are this run's."
                : live.state === "failed"
                  ? `Failed${live.message ? `: ${live.message}` : ""}`
                  : (live.message ?? "Waiting for the worker…")}
            </p>
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
