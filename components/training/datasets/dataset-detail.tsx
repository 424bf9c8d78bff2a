"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useJobEvents } from "@/components/jobs/use-job-events";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClassName } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { ProgressBar } from "@/components/ui/progress-bar";
import { formatCount } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { formErrorMessage } from "@/lib/trpc-errors";
import { DerivePanel } from "./derive-panel";
import { formatSize } from "./format-size";
import { LabelMapping } from "./label-mapping";
import { RowsPreview } from "./rows-preview";
import { DatasetStatusBadge } from "./status-badge";

type Dataset = RouterOutputs["datasets"]["get"];
const BUSY = new Set(["uploading", "parsing"]);

/** One dataset: status and counts, live parse progress, row errors, preview, mapping, actions. */
export function DatasetDetail({
  workspaceSlug,
  initial,
  canWrite,
}: {
  workspaceSlug: string;
  initial: Dataset;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const dataset = useQuery({
    ...trpc.datasets.get.queryOptions({ id: initial.id }),
    initialData: initial,
    refetchInterval: (query) => (BUSY.has(query.state.data?.status ?? "") ? 1_500 : false),
  });
  const d = dataset.data ?? initial;
  const job = useJobEvents(BUSY.has(d.status) ? d.jobId : null, workspaceSlug);
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.datasets.delete.mutationOptions({
      onSuccess: () => router.push(`/w/${workspaceSlug}/training/datasets`),
    }),
  );
  const refresh = () => void dataset.refetch();
  const download = (format: string) =>
    `/api/datasets/${d.id}/download?workspace=${encodeURIComponent(workspaceSlug)}&format=${format}`;
  return (
    <div className="space-y-6">
      <Card aria-labelledby="dataset-title">
        <CardHeader
          id="dataset-title"
          title={d.name}
          description={`${d.kind}${d.format ? ` · ${d.format}` : ""}${d.encoding ? ` · ${d.encoding}` : ""} · ${formatSize(d.bytes)}`}
        />
        <CardBody className="space-y-4">
          <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-5">
            <Stat label="Status">
              <DatasetStatusBadge status={d.status} />
            </Stat>
            <Stat label="Rows">{formatCount(d.rowCount)}</Stat>
            <Stat label="Duplicates dropped">{formatCount(d.duplicateCount)}</Stat>
            <Stat label="Row errors">{formatCount(d.errorCount)}</Stat>
            <Stat label="Training examples">
              <span data-testid="examples-count">{formatCount(d.examples)}</span>
            </Stat>
          </dl>
          {BUSY.has(d.status) ? (
            <div className="space-y-1">
              <p className="text-sm text-zinc-600">{job?.message ?? "Waiting for the parser…"}</p>
              <ProgressBar value={job?.progress ?? 0} label="Parse progress" />
            </div>
          ) : null}
          {d.status === "failed" ? (
            <Alert tone="error" title="This file could not be used">
              {d.error}
            </Alert>
          ) : null}
          {d.duplicateOf ? (
            <Alert tone="warning" title="Uploaded twice">
              The same file was uploaded before as “{d.duplicateOf.name}”.
            </Alert>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {d.status === "ready" ? (
              <>
                <a className={buttonClassName("secondary", "sm")} href={download("csv")}>
                  Download CSV
                </a>
                <a className={buttonClassName("secondary", "sm")} href={download("jsonl")}>
                  Download JSONL
                </a>
              </>
            ) : null}
            {canWrite ? (
              <Button variant="danger" size="sm" onClick={() => setConfirming(true)}>
                Delete dataset
              </Button>
            ) : null}
          </div>
        </CardBody>
      </Card>
      {d.rowErrors.length > 0 ? (
        <Card aria-labelledby="errors-title">
          <CardHeader
            id="errors-title"
            title="Row errors"
            description={
              d.errorCount > d.rowErrors.length
                ? `The first ${formatCount(d.rowErrors.length)} of ${formatCount(d.errorCount)}; these rows were not used.`
                : "These rows were not used."
            }
          />
          <ul className="max-h-72 divide-y divide-zinc-100 overflow-y-auto text-sm">
            {d.rowErrors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: errors have no id; order is fixed
              <li key={i} className="px-5 py-2">
                <span className="font-medium tabular-nums">Line {e.line}:</span> {e.reason}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {d.status === "ready" && d.kind === "labelled" ? (
        <LabelMapping datasetId={d.id} canWrite={canWrite} onChanged={refresh} />
      ) : null}
      {d.status === "ready" && (d.kind === "conversations" || d.kind === "faq") && canWrite ? (
        <DerivePanel datasetId={d.id} kind={d.kind} onChanged={refresh} />
      ) : null}
      {d.status === "ready" ? <RowsPreview datasetId={d.id} /> : null}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => remove.mutate({ id: d.id })}
        title={`Delete “${d.name}”?`}
        description={`Its ${formatCount(d.rowCount)} rows and ${formatCount(d.examples)} training examples are deleted too. Templates made from it stay.`}
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.error ? formErrorMessage(remove.error) : null}
      />
    </div>
  );
}

function Stat({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="mt-1 font-medium text-zinc-900 tabular-nums">{children}</dd>
    </div>
  );
}
