"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
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
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { formatCount, formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { formatSize } from "./format-size";
import { DatasetStatusBadge } from "./status-badge";
import { UploadPanel } from "./upload-panel";

type Dataset = RouterOutputs["datasets"]["list"][number];
const BUSY = new Set(["uploading", "parsing"]);

/** The workspace's datasets, newest first, with the upload panel for admins. */
export function DatasetList({
  workspaceSlug,
  initial,
  canWrite,
  maxMb,
}: {
  workspaceSlug: string;
  initial: Dataset[];
  canWrite: boolean;
  maxMb: number;
}) {
  const trpc = useTRPC();
  const datasets = useQuery({
    ...trpc.datasets.list.queryOptions(),
    initialData: initial,
    refetchInterval: (query) =>
      (query.state.data ?? []).some((d) => BUSY.has(d.status)) ? 2_000 : false,
  });
  const { refetch } = datasets;
  const onFinished = useCallback(() => void refetch(), [refetch]);
  const formatting = useDateFormatting();
  const list = datasets.data ?? [];
  return (
    <div className="space-y-6">
      {canWrite ? (
        <UploadPanel workspaceSlug={workspaceSlug} maxMb={maxMb} onFinished={onFinished} />
      ) : null}
      <Card aria-labelledby="datasets-title">
        <CardHeader
          id="datasets-title"
          title="Datasets"
          description="Support history the assistant learns from: labelled examples, conversations, FAQs and articles."
        />
        {list.length === 0 ? (
          <EmptyState
            title="No datasets yet"
            description={
              canWrite
                ? "Upload a labelled CSV (text,label), a conversations export or an FAQ to start."
                : "An admin of this workspace can upload training data."
            }
          />
        ) : (
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Kind</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell className="text-right">Rows</TableHeaderCell>
                <TableHeaderCell className="text-right">Row errors</TableHeaderCell>
                <TableHeaderCell className="text-right">Examples</TableHeaderCell>
                <TableHeaderCell>Size</TableHeaderCell>
                <TableHeaderCell>Uploaded</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((d) => (
                <TableRow key={d.id}>
                  <TableCell>
                    <Link
                      className="font-medium text-accent-700 hover:underline"
                      href={`/w/${workspaceSlug}/training/datasets/${d.id}`}
                    >
                      {d.name}
                    </Link>
                    {d.status === "failed" && d.error ? (
                      <p className="max-w-md text-xs text-red-600">{d.error}</p>
                    ) : null}
                  </TableCell>
                  <TableCell>{d.kind}</TableCell>
                  <TableCell>
                    <DatasetStatusBadge status={d.status} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatCount(d.rowCount)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatCount(d.errorCount)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatCount(d.examples)}
                  </TableCell>
                  <TableCell>{formatSize(d.bytes)}</TableCell>
                  <TableCell>{formatDateTime(d.createdAt, formatting)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
