"use client";

import { Button } from "@/components/ui/button";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { formatDateTime } from "@/lib/format";
import type { GapMessageView } from "./types";

const sourceText = (ref: string) =>
  ref.startsWith("inbox:") ? "Inbox" : ref.startsWith("dataset:") ? "Dataset row" : ref;

/**
 * Every message of a gap (drill-down), closest to the gap's centre first, with the agent's reply
 * where the source has one: the evidence a template draft is built from.
 */
export function GapMessages({
  items,
  total,
  onMore,
  loadingMore,
}: {
  items: GapMessageView[];
  total: number;
  onMore: (() => void) | null;
  loadingMore: boolean;
}) {
  const formatting = useDateFormatting();
  return (
    <div>
      <Table aria-label="Gap messages">
        <TableHead>
          <TableRow>
            <TableHeaderCell>Customer message</TableHeaderCell>
            <TableHeaderCell>Agent's reply</TableHeaderCell>
            <TableHeaderCell className="text-right" title="Cosine similarity to the gap's centre">
              Closeness
            </TableHeaderCell>
            <TableHeaderCell>When</TableHeaderCell>
            <TableHeaderCell>Source</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((m) => (
            <TableRow key={m.id} data-testid="gap-message">
              <TableCell className="max-w-md align-top whitespace-pre-wrap">{m.text}</TableCell>
              <TableCell className="max-w-md align-top text-xs whitespace-pre-wrap text-zinc-600">
                {m.reply ?? <span className="text-zinc-400">no reply recorded</span>}
              </TableCell>
              <TableCell className="text-right align-top tabular-nums">
                {m.similarity.toFixed(2)}
              </TableCell>
              <TableCell className="align-top text-xs whitespace-nowrap">
                {m.at ? formatDateTime(m.at, formatting) : "—"}
              </TableCell>
              <TableCell className="align-top text-xs" title={m.sourceRef}>
                {sourceText(m.sourceRef)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div className="flex items-center justify-between px-5 py-3 text-sm text-zinc-500">
        <span>
          {items.length} of {total} messages
        </span>
        {onMore ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={onMore}
            pending={loadingMore}
            pendingLabel="Loading…"
          >
            Show more
          </Button>
        ) : null}
      </div>
    </div>
  );
}
