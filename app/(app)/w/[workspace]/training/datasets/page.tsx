import type { Metadata } from "next";
import { DatasetList } from "@/components/training/datasets/dataset-list";
import { PageHeader } from "@/components/ui/page-header";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { getEnv } from "@/server/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Datasets" };

type DatasetsPageProps = { params: Promise<{ workspace: string }> };

export default async function DatasetsPage({ params }: DatasetsPageProps) {
  const { workspace: slug } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/training/datasets`);
  const caller = await getServerCaller(slug);
  const datasets = await caller.datasets.list();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Training data"
        description="Upload support history; Parley turns it into examples of which template answers which message."
      />
      <DatasetList
        workspaceSlug={slug}
        initial={datasets}
        canWrite={isAtLeast(role, "admin")}
        maxMb={getEnv().DATASET_UPLOAD_MAX_MB}
      />
    </div>
  );
}
