"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { formErrorMessage } from "@/lib/trpc-errors";
import { ExportButtons } from "./export-buttons";
import { EXPLAIN } from "./format";
import { NoRunYet } from "./no-run-yet";
import { TOPIC_COLOURS, TopicChart } from "./topic-chart";
import type { PatternView } from "./types";
import { useSelectedRun } from "./use-selected-run";

const change = (p: PatternView) =>
  p.changeRatio === null ? ((p.current ?? 0) > 0 ? "new" : "—") : `×${p.changeRatio.toFixed(2)}`;

/** Recurring topics of a run: frequency over time, change against the earlier half, growth. */
export function PatternsView({
  slug,
  requestedRun,
}: {
  slug: string;
  requestedRun: string | null;
}) {
  const trpc = useTRPC();
  const { runs, runId } = useSelectedRun(requestedRun);
  const patterns = useQuery({
    ...trpc.analysis.patterns.queryOptions({ runId: runId ?? undefined }),
    enabled: runId !== null,
  });
  const [picked, setPicked] = useState<string[] | null>(null);
  if (runs.isSuccess && runId === null) return <NoRunYet slug={slug} />;
  const list = patterns.data?.patterns ?? [];
  // A run over messages without dates (a labelled or FAQ dataset): sizes, no trend to chart.
  const undated = list.length > 0 && list.every((p) => p.previous === null);
  // Default: growing topics first, then the busiest, at most as many as there are colours.
  const byInterest = [...list].sort(
    (a, b) => Number(b.growing) - Number(a.growing) || b.size - a.size,
  );
  const chosen = picked ?? byInterest.slice(0, TOPIC_COLOURS.length).map((p) => p.id);
  const charted = list.filter((p) => chosen.includes(p.id));
  const toggle = (id: string) =>
    setPicked(
      chosen.includes(id)
        ? chosen.filter((x) => x !== id)
        : [...chosen, id].slice(-TOPIC_COLOURS.length),
    );
  const error = runs.error ?? patterns.error;
  return (
    <div className="space-y-6">
      {error ? <Alert tone="error">{formErrorMessage(error)}</Alert> : null}
      {patterns.isSuccess && list.length === 0 ? (
        <EmptyState
          title="No recurring topics in this run"
          description="Topics need at least a few similar messages in the analysed period or dataset. Analyse a longer period or a bigger dataset."
        />
      ) : null}
      {list.length > 0 && !undated ? (
        <Card aria-labelledby="topics-chart-title">
          <CardHeader
            id="topics-chart-title"
            title="Topics over time"
            description="Messages per period bucket for the chosen topics (tick them in the table below)."
            actions={runId ? <ExportButtons runId={runId} what="patterns" /> : null}
          />
          {charted.length > 0 ? (
            <TopicChart patterns={charted} label="Messages per topic over time" />
          ) : (
            <p className="px-5 py-4 text-sm text-zinc-500">Tick a topic below to chart it.</p>
          )}
        </Card>
      ) : null}
      {list.length > 0 ? (
        <Card>
          <CardHeader
            title="Recurring topics"
            description={
              undated
                ? "All customer messages clustered into topics, largest first. This run's messages have no dates (a labelled or FAQ dataset), so there is no trend over time: analyse dated conversations or the inbox for that. Answered: most of the topic's messages got a confident suggestion."
                : `All customer messages clustered into topics. ${EXPLAIN.trend} Answered: most of the topic's messages got a confident suggestion.`
            }
            actions={undated && runId ? <ExportButtons runId={runId} what="patterns" /> : null}
          />
          <Table aria-label="Topics">
            <TableHead>
              <TableRow>
                {undated ? null : <TableHeaderCell>Chart</TableHeaderCell>}
                <TableHeaderCell>Topic</TableHeaderCell>
                <TableHeaderCell className="text-right">Messages</TableHeaderCell>
                {undated ? null : (
                  <>
                    <TableHeaderCell className="text-right">Earlier half</TableHeaderCell>
                    <TableHeaderCell className="text-right">Later half</TableHeaderCell>
                    <TableHeaderCell className="text-right">Change</TableHeaderCell>
                    <TableHeaderCell>Growth</TableHeaderCell>
                  </>
                )}
                <TableHeaderCell>Answered</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((p) => (
                <TopicRow
                  key={p.id}
                  pattern={p}
                  chart={
                    undated
                      ? null
                      : {
                          ticked: chosen.includes(p.id),
                          colour:
                            charted.indexOf(p) >= 0
                              ? (TOPIC_COLOURS[charted.indexOf(p) % TOPIC_COLOURS.length] ?? null)
                              : null,
                          toggle: () => toggle(p.id),
                        }
                  }
                />
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
    </div>
  );
}

/** One topic; `chart` null for an undated run (no chart, no halves). */
function TopicRow({
  pattern: p,
  chart,
}: {
  pattern: PatternView;
  chart: { ticked: boolean; colour: string | null; toggle: () => void } | null;
}) {
  return (
    <TableRow data-testid="topic-row">
      {chart ? (
        <TableCell>
          <span className="flex items-center gap-2">
            <input
              type="checkbox"
              aria-label={`Chart ${p.topic}`}
              checked={chart.ticked}
              onChange={chart.toggle}
            />
            {chart.colour ? (
              <span
                aria-hidden="true"
                className="size-2.5 rounded-full"
                style={{ background: chart.colour }}
              />
            ) : null}
          </span>
        </TableCell>
      ) : null}
      <TableCell className="max-w-sm">
        <span className="font-medium text-zinc-900">{p.topic}</span>
        <p className="truncate text-xs text-zinc-500">{p.keyPhrases.join(", ")}</p>
      </TableCell>
      <TableCell className="text-right tabular-nums" data-testid="topic-size">
        {p.size}
      </TableCell>
      {chart ? (
        <>
          <TableCell className="text-right tabular-nums">{p.previous}</TableCell>
          <TableCell className="text-right tabular-nums">{p.current}</TableCell>
          <TableCell className="text-right tabular-nums">{change(p)}</TableCell>
          <TableCell>
            {p.growing ? (
              <Badge tone="danger">growing</Badge>
            ) : (
              <span className="text-xs text-zinc-400">—</span>
            )}
          </TableCell>
        </>
      ) : null}
      <TableCell>
        {p.answered ? (
          <Badge tone="success">answered</Badge>
        ) : (
          <Badge tone="warning">not answered</Badge>
        )}
      </TableCell>
    </TableRow>
  );
}
