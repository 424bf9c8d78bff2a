"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
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
import type { RouterOutputs } from "@/lib/router-types";
import { formErrorMessage } from "@/lib/trpc-errors";

type Job = RouterOutputs["jobs"]["list"][number];

const stateTone: Record<string, BadgeTone> = {
  queued: "neutral",
  active: "accent",
  retrying: "warning",
  completed: "success",
  failed: "danger",
  cancelled: "neutral",
};
const RUNNING = new Set(["queued", "active", "retrying"]);

/** Recent background jobs; refreshes every 2 s while any is queued or running. */
export function JobsTable({ initial }: { initial: Job[] }) {
  const trpc = useTRPC();
  const jobs = useQuery({
    ...trpc.jobs.list.queryOptions({ limit: 50 }),
    initialData: initial,
    refetchInterval: (query) =>
      (query.state.data ?? []).some((job) => RUNNING.has(job.state)) ? 2_000 : false,
  });
  const list = jobs.data ?? [];
  return (
    <Card aria-labelledby="jobs-title">
      <CardHeader
        id="jobs-title"
        title="Jobs"
        description="Work that runs in the background: model training, conversation analyses, large imports, replies to your help desk and invitation e-mails. Failed jobs can be retried; queued or running ones cancelled."
      />
      {list.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-zinc-500">No jobs yet.</p>
      ) : (
        <Table>
          <TableHead>
            <TableRow>
              <TableHeaderCell>Job</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>Progress</TableHeaderCell>
              <TableHeaderCell>Started by</TableHeaderCell>
              <TableHeaderCell>Created</TableHeaderCell>
              <TableHeaderCell>
                <span className="sr-only">Actions</span>
              </TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.map((job) => (
              <JobRow key={job.id} job={job} onChange={() => void jobs.refetch()} />
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}

function JobRow({ job, onChange }: { job: Job; onChange: () => void }) {
  const trpc = useTRPC();
  const formatting = useDateFormatting();
  const cancel = useMutation(trpc.jobs.cancel.mutationOptions({ onSuccess: onChange }));
  const retry = useMutation(trpc.jobs.retry.mutationOptions({ onSuccess: onChange }));
  const error = formErrorMessage(cancel.error ?? retry.error);
  return (
    <TableRow>
      <TableCell>
        <div className="font-medium text-zinc-900">{job.title}</div>
        {job.error ? (
          <div className="mt-0.5 text-xs text-red-700">{job.error}</div>
        ) : job.message ? (
          <div className="mt-0.5 text-xs text-zinc-500">{job.message}</div>
        ) : null}
        {error ? (
          <Alert tone="error" className="mt-2">
            {error}
          </Alert>
        ) : null}
      </TableCell>
      <TableCell>
        <Badge tone={stateTone[job.state] ?? "neutral"}>{job.state}</Badge>
        {job.attempts > 1 ? (
          <div className="mt-0.5 text-xs text-zinc-500">attempt {job.attempts}</div>
        ) : null}
      </TableCell>
      <TableCell className="min-w-32">
        <ProgressBar value={job.progress} label={`${job.title} progress`} />
      </TableCell>
      <TableCell className="text-zinc-500">{job.actorLabel}</TableCell>
      <TableCell className="whitespace-nowrap text-zinc-500">
        {formatDateTime(job.createdAt, formatting)}
      </TableCell>
      <TableCell className="text-right whitespace-nowrap">
        {RUNNING.has(job.state) ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => cancel.mutate({ id: job.id })}
            pending={cancel.isPending}
            pendingLabel="Cancelling…"
          >
            Cancel
          </Button>
        ) : null}
        {job.state === "failed" || job.state === "cancelled" ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => retry.mutate({ id: job.id })}
            pending={retry.isPending}
            pendingLabel="Retrying…"
          >
            Retry
          </Button>
        ) : null}
      </TableCell>
    </TableRow>
  );
}
