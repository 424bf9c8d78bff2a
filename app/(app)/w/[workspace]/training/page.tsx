import type { Metadata } from "next";
import Link from "next/link";
import { TrainingChecklist } from "@/components/training/checklist";
import { TrainingJobsList } from "@/components/training/jobs-list";
import { StartTraining } from "@/components/training/start-training";
import { VersionsPanel } from "@/components/training/versions-table";
import { PageHeader } from "@/components/ui/page-header";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Training" };

type TrainingPageProps = { params: Promise<{ workspace: string }> };

/** The training overview: checklist, runs, versions with their accuracy, deploy and rollback. */
export default async function TrainingPage({ params }: TrainingPageProps) {
  const { workspace: slug } = await params;
  const { role, workspace } = await requireWorkspaceAccess(slug, `/w/${slug}/training`);
  const canManage = isAtLeast(role, "admin");
  const caller = await getServerCaller(slug);
  const [overview, versions, jobs] = await Promise.all([
    caller.training.overview(),
    caller.training.versions({ limit: 50 }),
    caller.training.jobs({ limit: 10 }),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Training"
        description="Train the assistant on your own support history and evaluate each run."
        actions={canManage ? <StartTraining slug={slug} /> : null}
      />
      <nav className="flex gap-4 text-sm" aria-label="Training sections">
        <Link className="font-medium text-accent-700" href={`/w/${slug}/training/datasets`}>
          Datasets
        </Link>
        <Link className="font-medium text-accent-700" href={`/w/${slug}/training/scenarios`}>
          Scenarios
        </Link>
      </nav>
      <TrainingChecklist overview={overview} slug={slug} />
      <VersionsPanel initial={versions} slug={slug} canManage={canManage} />
      <TrainingJobsList
        jobs={jobs}
        linkToAll={canManage}
        hasVersions={overview.counts.versions > 0}
        slug={slug}
        formatting={{ locale: workspace.locale, timeZone: workspace.timezone }}
      />
    </div>
  );
}
