import type { Metadata } from "next";
import { GapsView } from "@/components/insights/gaps-view";
import { InsightsTabs } from "@/components/insights/insights-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { runParam } from "../run-param";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Knowledge gaps" };

type PageProps = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function Page({ params, searchParams }: PageProps) {
  const { workspace: slug } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/insights/gaps`);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Knowledge gaps"
        description="What customers ask that the deployed model cannot answer confidently: write or teach a template for each."
      />
      <InsightsTabs slug={slug} />
      <GapsView slug={slug} requestedRun={runParam(await searchParams)} />
    </div>
  );
}
