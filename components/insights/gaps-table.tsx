"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { formatCount } from "@/lib/format";
import { EXPLAIN, pct, trendText, trendTone } from "./format";
import { suggestedActionText } from "./gap-action-label";
import { gapTitle } from "./gap-severity-chart";
import type { GapView } from "./types";

const statusTone = { open: "warning", resolved: "success", dismissed: "neutral" } as const;

/** Knowledge gaps ranked by severity, each with its evidence and what to do about it. */
export function GapsTable({ gaps, slug }: { gaps: GapView[]; slug: string }) {
  const maxSeverity = Math.max(...gaps.map((g) => g.severity), 0.0001);
  return (
    <Table aria-label="Knowledge gaps">
      <TableHead>
        <TableRow>
          <TableHeaderCell>Gap</TableHeaderCell>
          <TableHeaderCell title={EXPLAIN.severity}>Severity</TableHeaderCell>
          <TableHeaderCell className="text-right">Messages</TableHeaderCell>
          <TableHeaderCell className="text-right" title={EXPLAIN.uncertainty}>
            Uncertainty
          </TableHeaderCell>
          <TableHeaderCell title={EXPLAIN.trend}>Trend</TableHeaderCell>
          <TableHeaderCell>Suggested action</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {gaps.map((gap) => (
          <TableRow key={gap.id} data-testid="gap-row">
            <TableCell className="max-w-xs">
              <Link
                className="font-medium text-accent-700 hover:underline"
                href={`/w/${slug}/insights/gaps/${gap.id}`}
              >
                {gapTitle(gap)}
              </Link>
              {gap.examples[0] ? (
                <p className="mt-0.5 truncate text-xs text-zinc-500">“{gap.examples[0].text}”</p>
              ) : null}
            </TableCell>
            <TableCell>
              <span className="flex items-center gap-2">
                <span className="h-2 w-20 overflow-hidden rounded-full bg-zinc-100">
                  <span
                    className="block h-full rounded-full bg-red-500"
                    style={{ width: `${Math.round((gap.severity / maxSeverity) * 100)}%` }}
                  />
                </span>
                <span className="tabular-nums">{gap.severity.toFixed(2)}</span>
              </span>
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatCount(gap.size)}</TableCell>
            <TableCell className="text-right tabular-nums">{pct(gap.failureRate, 0)}</TableCell>
            <TableCell>
              {gap.trend ? (
                <Badge tone={trendTone[gap.trend.direction]}>{trendText(gap.trend)}</Badge>
              ) : (
                <span className="text-xs text-zinc-400">no dates</span>
              )}
            </TableCell>
            <TableCell className="min-w-32 text-xs">
              {suggestedActionText(gap.suggestedAction)}
            </TableCell>
            <TableCell>
              <Badge tone={statusTone[gap.status]}>{gap.status}</Badge>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
