"use client";

import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { LoadMoreFooter, PagedListBody } from "@/components/ui/paged-list";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Select } from "@/components/ui/select";
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
import {
  filtersToSearch,
  isStatusFilter,
  type JobFilters,
  jobsListInput,
  RUNNING_STATES,
} from "./job-filters";

type JobsPage = RouterOutputs["jobs"]["list"];
type Job = JobsPage["items"][number];
type JobType = RouterOutputs["jobs"]["types"][number];

const stateTone: Record<string, BadgeTone> = {
  queued: "neutral",
  active: "accent",
  retrying: "warning",
  completed: "success",
  failed: "danger",
  cancelled: "neutral",
};
const RUNNING = new Set<string>(RUNNING_STATES);

/**
 * The workspace's background jobs, newest first, filtered by status and type on the server and
 * paged with its cursor; refreshes every 2 s while a loaded job is queued or running.
 */
export function JobsTable({
  firstPage,
  initialFilters,
  pageSize,
  types,
}: {
  /** The first page for `initialFilters`, rendered on the server. */
  firstPage: JobsPage;
  initialFilters: JobFilters;
  pageSize: number;
  types: JobType[];
}) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<JobFilters>(initialFilters);
  const unfiltered = filters.status === "any" && filters.type === "";
  const atInitial =
    filters.status === initialFilters.status && filters.type === initialFilters.type;
  useEffect(() => {
    window.history.replaceState(
      window.history.state,
      "",
      `${window.location.pathname}${filtersToSearch(filters)}`,
    );
  }, [filters]);
  const query = useInfiniteQuery(
    trpc.jobs.list.infiniteQueryOptions(jobsListInput(filters, pageSize), {
      getNextPageParam: (page) => page.nextCursor,
      initialData: atInitial ? { pages: [firstPage], pageParams: [null] } : undefined,
      refetchInterval: (q) =>
        (q.state.data?.pages ?? []).some((page) => page.items.some((job) => RUNNING.has(job.state)))
          ? 2_000
          : false,
    }),
  );
  const list = query.data?.pages.flatMap((page) => page.items) ?? [];
  const error = formErrorMessage(query.error);
  return (
    <Card aria-labelledby="jobs-title">
      <CardHeader
        id="jobs-title"
        title="Jobs"
        description="Work that runs in the background: model training, conversation analyses, large imports, replies to your help desk and invitation e-mails. Failed jobs can be retried; queued or running ones cancelled."
      />
      <CardBody className="grid gap-3 border-b border-zinc-200 sm:grid-cols-2 lg:grid-cols-[14rem_18rem_auto] lg:items-end">
        <FormField label="Status">
          {(control) => (
            <Select
              {...control}
              value={filters.status}
              onChange={(event) => {
                const status = event.target.value;
                if (isStatusFilter(status)) setFilters((f) => ({ ...f, status }));
              }}
            >
              <option value="any">Any status</option>
              <option value="running">Queued or running</option>
              <option value="failed">Failed</option>
              <option value="completed">Completed</option>
              <option value="cancelled">Cancelled</option>
            </Select>
          )}
        </FormField>
        <FormField label="Type">
          {(control) => (
            <Select
              {...control}
              value={filters.type}
              onChange={(event) => setFilters((f) => ({ ...f, type: event.target.value }))}
            >
              <option value="">Any type</option>
              {/* A type from a link that this workspace never ran still shows as chosen. */}
              {filters.type && !types.some((type) => type.name === filters.type) ? (
                <option value={filters.type}>{filters.type}</option>
              ) : null}
              {types.map((type) => (
                <option key={type.name} value={type.name}>
                  {type.title}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        {!unfiltered ? (
          <div>
            <Button variant="ghost" onClick={() => setFilters({ status: "any", type: "" })}>
              Clear
            </Button>
          </div>
        ) : null}
      </CardBody>
      <PagedListBody
        error={error}
        pending={query.isPending}
        loadingLabel="Loading jobs…"
        empty={list.length === 0}
        emptyLabel={unfiltered ? "No jobs yet." : "No jobs match these filters."}
      >
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
              <JobRow key={job.id} job={job} onChange={() => void query.refetch()} />
            ))}
          </TableBody>
        </Table>
      </PagedListBody>
      <LoadMoreFooter
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
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
