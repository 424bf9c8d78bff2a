"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { InsightsIcon } from "@/components/workspace/nav-icons";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { formatDateTime } from "@/lib/format";
import { formErrorMessage } from "@/lib/trpc-errors";
import { sourceLabel } from "./format";
import { GapSeverityChart } from "./gap-severity-chart";
import { InsightsList } from "./insights-list";
import { RunAnalysis } from "./run-analysis";
import { RunHistory } from "./run-history";
import { RunSummary } from "./run-summary";
import { useSelectedRun } from "./use-selected-run";

/** The insights overview: start a run (admins), the chosen run's summary and highlights, history. */
export function InsightsOverview({
  slug,
  canManage,
  requestedRun,
}: {
  slug: string;
  canManage: boolean;
  requestedRun: string | null;
}) {
  const trpc = useTRPC();
  const formatting = useDateFormatting();
  const { runs, list, runId } = useSelectedRun(requestedRun);
  const enabled = runId !== null;
  const run = useQuery({ ...trpc.analysis.run.queryOptions({ runId: runId ?? "" }), enabled });
  const gaps = useQuery({
    // The chart shows the eight most severe; the link says how many there are in all.
    ...trpc.analysis.gaps.list.queryOptions({
      runId: runId ?? undefined,
      status: "open",
      limit: 8,
    }),
    enabled,
  });
  const insights = useQuery({
    ...trpc.analysis.insights.queryOptions({ runId: runId ?? undefined }),
    enabled,
  });
  const training = useQuery(trpc.training.overview.queryOptions());
  const error = runs.error ?? run.error ?? gaps.error ?? insights.error;
  const root = `/w/${slug}/insights`;
  const suffix = requestedRun ? `?run=${requestedRun}` : "";
  return (
    <div className="space-y-6">
      {training.data && training.data.deployed === null ? (
        <Alert tone="warning" title="No model is deployed">
          Until a model is deployed every message counts as not confident, so an analysis finds
          topics rather than misses.{" "}
          <Link className="font-medium underline" href={`/w/${slug}/training`}>
            Train and deploy a version
          </Link>{" "}
          first for accuracy and real knowledge gaps.
        </Alert>
      ) : null}
      {canManage ? <RunAnalysis slug={slug} /> : null}
      {error ? <Alert tone="error">{formErrorMessage(error)}</Alert> : null}
      {runs.isPending ? <p className="text-sm text-zinc-500">Loading…</p> : null}
      {runs.isSuccess && runId === null ? (
        <EmptyState
          icon={<InsightsIcon />}
          title={list.length === 0 ? "No analysis yet" : "No finished analysis yet"}
          description={
            canManage
              ? "Choose a source above and press “Run analysis”: it finds what customers ask that no template answers confidently, and tells you what to write next."
              : "An admin can run the analysis from this page; its knowledge gaps, topics and recommendations will show here."
          }
        />
      ) : null}
      {run.data ? (
        <>
          <p className="text-sm text-zinc-600" data-testid="shown-run">
            Showing the run of {formatDateTime(run.data.createdAt, formatting)} over{" "}
            {sourceLabel(run.data)}
            {run.data.modelVersion !== null ? `, model v${run.data.modelVersion}` : ""}.
          </p>
          <RunSummary run={run.data} slug={slug} />
        </>
      ) : null}
      {gaps.data && gaps.data.gaps.length > 0 ? (
        <Card>
          <CardHeader
            title="Biggest open knowledge gaps"
            description="What customers ask that the deployed model cannot answer confidently, by severity."
            actions={
              <Link className="text-sm font-medium text-accent-700" href={`${root}/gaps${suffix}`}>
                All {gaps.data.total} open {gaps.data.total === 1 ? "gap" : "gaps"}
              </Link>
            }
          />
          <GapSeverityChart gaps={gaps.data.gaps} label="Open knowledge gaps by severity" />
        </Card>
      ) : null}
      {insights.data && insights.data.insights.length > 0 ? (
        <Card>
          <CardHeader
            title="Top recommendations"
            actions={
              <Link
                className="text-sm font-medium text-accent-700"
                href={`${root}/recommendations${suffix}`}
              >
                All recommendations
              </Link>
            }
          />
          <CardBody>
            <InsightsList slug={slug} insights={insights.data.insights.slice(0, 3)} />
          </CardBody>
        </Card>
      ) : null}
      {list.length > 0 ? <RunHistory runs={list} slug={slug} selectedId={runId} /> : null}
    </div>
  );
}
