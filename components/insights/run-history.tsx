"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { formatCount, formatDateTime } from "@/lib/format";
import { pct, sourceLabel } from "./format";
import type { RunListItem } from "./types";

const statusTone = { running: "accent", done: "success", failed: "danger" } as const;

/** Every run, newest first; a finished one opens its own results. */
export function RunHistory({
  runs,
  slug,
  selectedId,
}: {
  runs: RunListItem[];
  slug: string;
  selectedId: string | null;
}) {
  const formatting = useDateFormatting();
  return (
    <Card aria-labelledby="run-history-title">
      <CardHeader
        id="run-history-title"
        title="Run history"
        description="A new run never changes an old one: open any finished run to see its results."
      />
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Started</TableHeaderCell>
            <TableHeaderCell>Source</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell className="text-right">Messages</TableHeaderCell>
            <TableHeaderCell className="text-right">Not confident</TableHeaderCell>
            <TableHeaderCell className="text-right">Open gaps</TableHeaderCell>
            <TableHeaderCell>Model</TableHeaderCell>
            <TableHeaderCell className="text-right">Took</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {runs.map((run) => (
            <TableRow
              key={run.id}
              data-testid="run-row"
              aria-current={run.id === selectedId ? "true" : undefined}
              className={run.id === selectedId ? "bg-accent-50/50" : undefined}
            >
              <TableCell>
                {run.status === "done" ? (
                  <Link
                    className="text-accent-700 hover:underline"
                    href={`/w/${slug}/insights?run=${run.id}`}
                  >
                    {formatDateTime(run.createdAt, formatting)}
                  </Link>
                ) : (
                  formatDateTime(run.createdAt, formatting)
                )}
              </TableCell>
              <TableCell>{sourceLabel(run)}</TableCell>
              <TableCell>
                <Badge tone={statusTone[run.status]}>{run.status}</Badge>
                {run.error ? <p className="mt-1 text-xs text-red-700">{run.error}</p> : null}
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(run.messages)}</TableCell>
              <TableCell className="text-right tabular-nums">
                {run.unconfident} ({pct(run.messages ? run.unconfident / run.messages : null, 0)})
              </TableCell>
              <TableCell className="text-right tabular-nums">
                {run.counts.openGaps}/{run.counts.gaps}
              </TableCell>
              <TableCell>
                {run.modelVersion === null ? "none deployed" : `v${run.modelVersion}`}
              </TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">
                {run.seconds === null ? "—" : `${run.seconds.toFixed(1)} s`}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
