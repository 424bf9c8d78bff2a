"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect } from "react";
import { useJobEvents } from "@/components/jobs/use-job-events";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { formatClockTime, formatCount } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { formErrorMessage } from "@/lib/trpc-errors";
import { stateTone } from "./jobs-list";

type Progress = RouterOutputs["training"]["progress"];
const RUNNING = new Set(["queued", "active", "retrying"]);

/**
 * One training run, live: the bar follows the job's SSE stream; each event refreshes the
 * snapshot (steps, counts, ETA, log) from `training.progress`.
 */
export function TrainingJobView({
  initial,
  slug,
  canManage,
}: {
  initial: Progress;
  slug: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const formatting = useDateFormatting();
  const jobId = initial.job.id;
  const live = useJobEvents(RUNNING.has(initial.job.state) ? jobId : null, slug);
  const progress = useQuery({
    ...trpc.training.progress.queryOptions({ jobId }),
    initialData: initial,
  });
  const { refetch } = progress;
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch on every streamed event
  useEffect(() => {
    void refetch();
  }, [live?.progress, live?.state, live?.message, refetch]);
  const cancel = useMutation(trpc.jobs.cancel.mutationOptions({ onSuccess: () => refetch() }));
  const retry = useMutation(
    trpc.jobs.retry.mutationOptions({ onSuccess: () => window.location.reload() }),
  );
  const data = progress.data ?? initial;
  const state = data.job.state;
  const percent = Math.max(live?.progress ?? 0, data.job.progress);
  const error = formErrorMessage(cancel.error ?? retry.error);
  return (
    <div className="space-y-6">
      <Card aria-labelledby="job-title">
        <CardHeader
          id="job-title"
          title="Training run"
          description={`Started by ${data.job.actorLabel}`}
          actions={
            <>
              <Badge tone={stateTone[state] ?? "neutral"}>
                <span data-testid="job-state">{state}</span>
              </Badge>
              {canManage && RUNNING.has(state) ? (
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => cancel.mutate({ id: jobId })}
                  pending={cancel.isPending}
                  pendingLabel="Cancelling…"
                >
                  Cancel
                </Button>
              ) : null}
              {canManage && (state === "failed" || state === "cancelled") ? (
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => retry.mutate({ id: jobId })}
                  pending={retry.isPending}
                  pendingLabel="Retrying…"
                >
                  Retry
                </Button>
              ) : null}
            </>
          }
        />
        <div className="space-y-4 px-5 py-4">
          <ProgressBar value={state === "completed" ? 100 : percent} label="Training progress" />
          <ol className="grid grid-cols-5 gap-2 text-center text-xs" aria-label="Steps">
            {data.steps.map((name, i) => {
              const n = i + 1;
              const status =
                n < data.step || state === "completed"
                  ? "done"
                  : n === data.step
                    ? "current"
                    : "todo";
              return (
                <li
                  key={name}
                  aria-current={status === "current" ? "step" : undefined}
                  className={
                    status === "done"
                      ? "rounded bg-emerald-50 py-1.5 text-emerald-700"
                      : status === "current"
                        ? "rounded bg-accent-50 py-1.5 font-semibold text-accent-700"
                        : "rounded bg-zinc-50 py-1.5 text-zinc-500"
                  }
                >
                  {n}. {name}
                </li>
              );
            })}
          </ol>
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <Figure
              label="Examples"
              value={data.examples === null ? "–" : formatCount(data.examples)}
            />
            <Figure
              label="Templates"
              value={data.templates === null ? "–" : formatCount(data.templates)}
            />
            <Figure
              label="Time left"
              value={
                RUNNING.has(state) && data.etaSeconds !== null ? `≈ ${data.etaSeconds} s` : "–"
              }
            />
            <Figure
              label="Version"
              value={
                data.version ? (
                  <Link
                    className="text-accent-700"
                    href={`/w/${slug}/training/versions/${data.version.id}`}
                  >
                    v{data.version.version}
                  </Link>
                ) : (
                  "–"
                )
              }
            />
          </dl>
          {data.job.error ? <Alert tone="error">{data.job.error}</Alert> : null}
          {error ? <Alert tone="error">{error}</Alert> : null}
        </div>
      </Card>
      <Card aria-labelledby="log-title">
        <CardHeader id="log-title" title="Log" />
        <ol className="max-h-96 overflow-y-auto px-5 py-3 font-mono text-xs text-zinc-700">
          {data.log.map((line) => (
            <li key={line.id} className="flex gap-3 py-0.5">
              <span className="text-zinc-400">{formatClockTime(line.at, formatting)}</span>
              <span className="w-10 text-right">{line.progress ?? ""}%</span>
              <span>
                {line.kind === "progress" ? "" : `[${line.kind}] `}
                {line.message}
              </span>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}

function Figure({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="font-medium text-zinc-900">{value}</dd>
    </div>
  );
}
