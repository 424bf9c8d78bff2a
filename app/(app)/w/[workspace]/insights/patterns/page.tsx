import type { Metadata } from "next";
import { InsightsTabs } from "@/components/insights/insights-tabs";
import { PatternsView } from "@/components/insights/patterns-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { runParam } from "../run-param";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Topics" };

type PageProps = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function Page({ params, searchParams }: PageProps) {
  const { workspace: slug } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/insights/patterns`);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Topics"
        description="Recurring topics in customer messages, how often they come up over time, and which ones are growing."
      />
      <InsightsTabs slug={slug} />
      <PatternsView slug={slug} requestedRun={runParam(await searchParams)} />
    </div>
  );
}
