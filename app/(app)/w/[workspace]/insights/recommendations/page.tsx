import type { Metadata } from "next";
import { InsightsTabs } from "@/components/insights/insights-tabs";
import { RecommendationsView } from "@/components/insights/recommendations-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { runParam } from "../run-param";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Recommendations" };

type PageProps = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function Page({ params, searchParams }: PageProps) {
  const { workspace: slug } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/insights/recommendations`);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Recommendations"
        description="What to do next, ranked by how much it would help, with the evidence behind each."
      />
      <InsightsTabs slug={slug} />
      <RecommendationsView slug={slug} requestedRun={runParam(await searchParams)} />
    </div>
  );
}
