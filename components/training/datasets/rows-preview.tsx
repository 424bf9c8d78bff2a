"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import type { RouterOutputs } from "@/lib/router-types";

type Row = RouterOutputs["datasets"]["rows"]["rows"][number]["data"];

const COLUMNS: Record<Row["kind"], string[]> = {
  message: ["Conversation", "Role", "Text"],
  faq: ["Question", "Answer"],
  article: ["Title", "Body"],
  example: ["Text", "Label"],
};

function cells(row: Row): string[] {
  switch (row.kind) {
    case "message":
      return [row.conversationId, row.role, row.text];
    case "faq":
      return [row.question, row.answer];
    case "article":
      return [row.title, row.body.slice(0, 400)];
    case "example":
      return [row.text, row.label];
  }
}

/** The parsed rows in file order, 50 at a time. */
export function RowsPreview({ datasetId }: { datasetId: string }) {
  const trpc = useTRPC();
  const pages = useInfiniteQuery(
    trpc.datasets.rows.infiniteQueryOptions(
      { id: datasetId, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const rows = pages.data?.pages.flatMap((p) => p.rows) ?? [];
  const kind = rows[0]?.data.kind ?? "example";
  return (
    <Card aria-labelledby="preview-title">
      <CardHeader id="preview-title" title="Preview" description="Rows as they were parsed." />
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Line</TableHeaderCell>
            {COLUMNS[kind].map((c) => (
              <TableHeaderCell key={c}>{c}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.seq}>
              <TableCell className="tabular-nums text-zinc-500">{r.line}</TableCell>
              {cells(r.data).map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns per kind
                <TableCell key={i} className="max-w-lg whitespace-pre-wrap break-words">
                  {c}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {pages.hasNextPage ? (
        <CardBody>
          <Button
            size="sm"
            variant="secondary"
            pending={pages.isFetchingNextPage}
            pendingLabel="Loading…"
            onClick={() => void pages.fetchNextPage()}
          >
            Load more rows
          </Button>
        </CardBody>
      ) : null}
    </Card>
  );
}
