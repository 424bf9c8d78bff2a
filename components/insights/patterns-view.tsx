"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { formErrorMessage } from "@/lib/trpc-errors";
import { ExportButtons } from "./export-buttons";
import { EXPLAIN } from "./format";
import { NoRunYet } from "./no-run-yet";
import { TOPIC_COLOURS, TopicChart } from "./topic-chart";
import { type AnsweredFilter, filterTopics } from "./topic-filter";
import { TopicRow } from "./topic-row";
import { useSelectedRun } from "./use-selected-run";

/** Rows shown at first, and added by each "Show more topics" (a big dataset has 100+ topics). */
const TOPIC_PAGE = 50;

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
  const [query, setQuery] = useState("");
  const [answered, setAnswered] = useState<AnsweredFilter>("all");
  const [shownRows, setShownRows] = useState(TOPIC_PAGE);
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
  const matching = filterTopics(list, query, answered);
  const rows = matching.slice(0, shownRows);
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
          <div className="flex flex-wrap items-center gap-3 border-b border-zinc-100 px-5 py-3">
            <Input
              type="search"
              className="w-64"
              aria-label="Filter topics"
              placeholder="Filter by words or examples"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setShownRows(TOPIC_PAGE);
              }}
            />
            <Select
              className="w-48"
              aria-label="Answered"
              value={answered}
              onChange={(e) => {
                setAnswered(e.target.value as AnsweredFilter);
                setShownRows(TOPIC_PAGE);
              }}
              options={[
                { value: "all", label: "All topics" },
                { value: "unanswered", label: "Not answered" },
                { value: "answered", label: "Answered" },
              ]}
            />
            <span className="text-sm text-zinc-500" data-testid="topics-count">
              {matching.length === list.length
                ? `${list.length} topics`
                : `${matching.length} of ${list.length} topics`}
            </span>
          </div>
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
              {rows.map((p) => (
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
          {matching.length === 0 ? (
            <p className="px-5 py-4 text-sm text-zinc-500">No topic matches this filter.</p>
          ) : null}
          {matching.length > rows.length ? (
            <div className="border-t border-zinc-100 px-5 py-3">
              <Button
                variant="secondary"
                size="sm"
                onClick={() => setShownRows((n) => n + TOPIC_PAGE)}
              >
                Show more topics ({matching.length - rows.length} more)
              </Button>
            </div>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
