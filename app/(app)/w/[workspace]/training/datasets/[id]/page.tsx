import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DatasetDetail } from "@/components/training/datasets/dataset-detail";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dataset" };

type DatasetPageProps = { params: Promise<{ workspace: string; id: string }> };

export default async function DatasetPage({ params }: DatasetPageProps) {
  const { workspace: slug, id } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/training/datasets/${id}`);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const caller = await getServerCaller(slug);
  const dataset = await caller.datasets.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <div className="space-y-4">
      <Link
        href={`/w/${slug}/training/datasets`}
        className="text-sm text-accent-700 hover:underline"
      >
        ← All datasets
      </Link>
      <DatasetDetail workspaceSlug={slug} initial={dataset} canWrite={isAtLeast(role, "admin")} />
    </div>
  );
}
