import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { type DateFormatting, formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";

type Job = RouterOutputs["training"]["jobs"][number];

/** The training job's name (server/jobs/definitions/model-training.ts). */
const TRAINING_JOB = "model-training";

export const stateTone: Record<string, BadgeTone> = {
  queued: "neutral",
  active: "accent",
  retrying: "warning",
  completed: "success",
  failed: "danger",
  cancelled: "neutral",
};

/**
 * Recent training runs; each opens its job page. Admins get a link to every run: Settings → Jobs
 * filtered to training.
 */
export function TrainingJobsList({
  jobs,
  slug,
  formatting,
  linkToAll,
  hasVersions,
}: {
  jobs: Job[];
  slug: string;
  formatting: DateFormatting;
  linkToAll: boolean;
  /** Versions exist while no run does: only the demo's seed trains one outside a run (server/training/seed.ts). */
  hasVersions: boolean;
}) {
  return (
    <Card aria-labelledby="training-jobs-title">
      <CardHeader
        id="training-jobs-title"
        title="Training runs"
        actions={
          linkToAll && jobs.length > 0 ? (
            <Link
              href={`/w/${slug}/settings/jobs?type=${TRAINING_JOB}`}
              className="text-sm font-medium text-accent-700"
            >
              All training runs
            </Link>
          ) : null
        }
      />
      {jobs.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-zinc-500">
          {hasVersions
            ? "No training runs yet: the demo's seed trained the version above. Start training to follow a run here, live."
            : "No training runs yet."}
        </p>
      ) : (
        <ul className="divide-y divide-zinc-100">
          {jobs.map((job) => (
            <li key={job.id} className="flex items-center gap-4 px-5 py-3 text-sm">
              <Link
                href={`/w/${slug}/training/jobs/${job.id}`}
                className="font-medium text-zinc-900"
              >
                {formatDateTime(job.createdAt, formatting)}
              </Link>
              <Badge tone={stateTone[job.state] ?? "neutral"}>{job.state}</Badge>
              <span className="min-w-0 flex-1 truncate text-zinc-500">
                {job.error ?? job.message ?? ""}
              </span>
              <span className="w-40">
                <ProgressBar value={job.progress} label="Training progress" />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
