import type { Metadata } from "next";
import { InsightsOverview } from "@/components/insights/insights-overview";
import { InsightsTabs } from "@/components/insights/insights-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { runParam } from "./run-param";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Insights" };

type InsightsPageProps = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Conversation analysis: accuracy, knowledge gaps, topics and recommendations (issue #15). */
export default async function InsightsPage({ params, searchParams }: InsightsPageProps) {
  const { workspace: slug } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/insights`);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Insights"
        description="What customers ask that your templates do not answer, which topics are growing, and what to write next."
      />
      <InsightsTabs slug={slug} />
      <InsightsOverview
        slug={slug}
        canManage={isAtLeast(role, "admin")}
        requestedRun={runParam(await searchParams)}
      />
    </div>
  );
}
