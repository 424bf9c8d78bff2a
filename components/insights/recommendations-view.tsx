"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formErrorMessage } from "@/lib/trpc-errors";
import { ExportButtons } from "./export-buttons";
import { InsightsList } from "./insights-list";
import { NoRunYet } from "./no-run-yet";
import { useSelectedRun } from "./use-selected-run";

/** A run's learning insights, ranked by impact, each with its basis and who wrote the sentence. */
export function RecommendationsView({
  slug,
  requestedRun,
}: {
  slug: string;
  requestedRun: string | null;
}) {
  const trpc = useTRPC();
  const { runs, runId } = useSelectedRun(requestedRun);
  const insights = useQuery({
    ...trpc.analysis.insights.queryOptions({ runId: runId ?? undefined }),
    enabled: runId !== null,
  });
  if (runs.isSuccess && runId === null) return <NoRunYet slug={slug} />;
  const error = runs.error ?? insights.error;
  const list = insights.data?.insights ?? [];
  return (
    <Card aria-labelledby="recommendations-title">
      <CardHeader
        id="recommendations-title"
        title="Recommendations"
        description="Ranked by impact. “Computed from your data”: written from the figures; “AI-written”: the same facts worded by your AI provider, rejected if it changed a number."
        actions={runId ? <ExportButtons runId={runId} what="insights" /> : null}
      />
      <CardBody>
        {error ? <Alert tone="error">{formErrorMessage(error)}</Alert> : null}
        {insights.isSuccess && list.length === 0 ? (
          <EmptyState
            title="Nothing to recommend from this run"
            description="No confusions, gaps or growing topics stood out. Run the analysis again on more messages or a later period."
          />
        ) : null}
        {list.length > 0 ? <InsightsList slug={slug} insights={list} /> : null}
      </CardBody>
    </Card>
  );
}
