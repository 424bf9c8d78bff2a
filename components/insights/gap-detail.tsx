"use client";

import { useQueries } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formErrorMessage } from "@/lib/trpc-errors";
import { EXPLAIN, pct, type TrendView, trendText, trendTone } from "./format";
import { suggestedActionText } from "./gap-action-label";
import { GapActions } from "./gap-actions";
import { GapMessages } from "./gap-messages";
import { gapTitle } from "./gap-severity-chart";

const PAGE = 50;

/** The same question asked again is one example, with how often it was asked. */
function uniqueTexts(examples: { text: string }[]): { text: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of examples) counts.set(e.text, (counts.get(e.text) ?? 0) + 1);
  return [...counts].map(([text, count]) => ({ text, count }));
}

function why(gap: { size: number; failureRate: number; trend: TrendView | null }): string {
  const trend = gap.trend
    ? ` It was asked ${gap.trend.previous} times in the earlier half of the period and ${gap.trend.current} in the later half.`
    : "";
  return `${gap.size} customer messages got no confident suggestion; on them the model's best guess was on average ${pct(gap.failureRate, 0)} short of certain.${trend}`;
}
const statusTone = { open: "warning", resolved: "success", dismissed: "neutral" } as const;

/** One gap: its evidence (figures, key phrases, messages and replies) and what to do about it. */
export function GapDetail({
  slug,
  gapId,
  canManage,
}: {
  slug: string;
  gapId: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const [pageCount, setPageCount] = useState(1);
  const pages = useQueries({
    queries: Array.from({ length: pageCount }, (_, i) =>
      trpc.analysis.gaps.get.queryOptions({ gapId, offset: i * PAGE, limit: PAGE }),
    ),
  });
  const failed = pages.find((p) => p.error)?.error;
  if (failed) return <Alert tone="error">{formErrorMessage(failed)}</Alert>;
  const gap = pages[0]?.data;
  if (!gap) return <p className="text-sm text-zinc-500">Loading…</p>;
  const items = pages.flatMap((p) => p.data?.messages.items ?? []);
  const last = pages[pages.length - 1];
  const loadingMore = pages.some((p) => p.isPending);
  const hasMore = last?.data?.messages.nextOffset != null;
  const figures = [
    { label: "Messages", value: String(gap.size), title: "Customer messages in this gap." },
    { label: "Severity", value: gap.severity.toFixed(2), title: EXPLAIN.severity },
    { label: "Model uncertainty", value: pct(gap.failureRate, 0), title: EXPLAIN.uncertainty },
    { label: "Cohesion", value: gap.cohesion.toFixed(2), title: EXPLAIN.cohesion },
    { label: "Trend", value: gap.trend ? trendText(gap.trend) : "no dates", title: EXPLAIN.trend },
  ];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <Link
          className="text-sm text-accent-700 hover:underline"
          href={`/w/${slug}/insights/gaps?run=${gap.runId}`}
        >
          ← All gaps of this run
        </Link>
        <Badge tone={statusTone[gap.status]}>
          <span data-testid="gap-status">{gap.status}</span>
        </Badge>
        {gap.trend ? (
          <Badge tone={trendTone[gap.trend.direction]}>{gap.trend.direction}</Badge>
        ) : null}
      </div>
      <h2 className="text-lg font-semibold text-zinc-900" data-testid="gap-title">
        {gapTitle(gap)}
      </h2>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
        {figures.map((f) => (
          <div
            key={f.label}
            className="rounded-lg border border-zinc-200 bg-white px-4 py-3"
            title={f.title}
          >
            <dt className="text-xs text-zinc-500">{f.label}</dt>
            <dd className="mt-1 text-lg font-semibold text-zinc-900">{f.value}</dd>
          </div>
        ))}
      </dl>
      <Card>
        <CardHeader
          title={`Suggested: ${suggestedActionText(gap.suggestedAction)}`}
          description={
            gap.suggestedAction.kind === "add_examples"
              ? "Most of these messages lean towards this template, but not confidently: teaching it these examples should make it answer them."
              : "No existing template is a clear match for these messages: write one, starting from what agents actually replied."
          }
        />
        <CardBody className="space-y-4">
          <p className="text-sm text-zinc-700" data-testid="gap-why">
            Why: {why(gap)}
          </p>
          <ul className="flex flex-wrap gap-1.5" aria-label="Key phrases">
            {gap.keyPhrases.map((p) => (
              <li key={p}>
                <Badge tone="accent">{p}</Badge>
              </li>
            ))}
          </ul>
          {canManage ? (
            <GapActions gap={gap} slug={slug} />
          ) : (
            <p className="text-sm text-zinc-500">
              Admins can draft a template from this gap, resolve or dismiss it.
            </p>
          )}
          {gap.status === "resolved" && gap.resolvedTemplateId ? (
            <p className="text-sm text-zinc-600">
              Resolved with{" "}
              <Link
                className="text-accent-700 hover:underline"
                href={`/w/${slug}/templates/${gap.resolvedTemplateId}`}
              >
                this template
              </Link>
              : its messages were added as training examples.
            </p>
          ) : null}
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Most typical messages"
          description="The messages closest to the gap's centre."
        />
        <CardBody>
          <ul className="space-y-2 text-sm" aria-label="Example messages">
            {uniqueTexts(gap.examples).map(({ text, count }) => (
              <li key={text} className="rounded-md bg-zinc-50 px-3 py-2" data-testid="gap-example">
                “{text}”
                {count > 1 ? <span className="ml-2 text-xs text-zinc-500">×{count}</span> : null}
              </li>
            ))}
          </ul>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="All messages" description="With the agents' replies, where recorded." />
        <GapMessages
          items={items}
          total={gap.messages.total}
          onMore={hasMore || loadingMore ? () => setPageCount((n) => n + 1) : null}
          loadingMore={loadingMore}
        />
      </Card>
    </div>
  );
}
