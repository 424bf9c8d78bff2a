import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TrainingIcon } from "@/components/workspace/nav-icons";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Training" };

type TrainingPageProps = { params: Promise<{ workspace: string }> };

export default async function TrainingPage({ params }: TrainingPageProps) {
  const { workspace: slug } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/training`);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Training"
        description="Train the assistant on your own support history and evaluate each run."
      />
      <EmptyState
        icon={<TrainingIcon />}
        title="No training runs yet"
        description="Training runs will appear here once training data can be uploaded. Each run will be evaluated on held-out conversations before it can be deployed."
      />
    </div>
  );
}
