import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TrainingJobView } from "@/components/training/job-view";
import { PageHeader } from "@/components/ui/page-header";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Training run" };

type Props = { params: Promise<{ workspace: string; id: string }> };

export default async function TrainingJobPage({ params }: Props) {
  const { workspace: slug, id } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/training/jobs/${id}`);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const caller = await getServerCaller(slug);
  const progress = await caller.training.progress({ jobId: id }).catch(() => null);
  if (!progress) notFound();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Training run"
        description={<Link href={`/w/${slug}/training`}>← Training</Link>}
      />
      <TrainingJobView initial={progress} slug={slug} canManage={isAtLeast(role, "admin")} />
    </div>
  );
}
