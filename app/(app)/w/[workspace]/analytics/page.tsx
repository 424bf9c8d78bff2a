import type { Metadata } from "next";
import { AnalyticsTabs } from "@/components/analytics/analytics-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { AnalyticsDashboard } from "./analytics-dashboard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Analytics" };

type AnalyticsPageProps = { params: Promise<{ workspace: string }> };

export default async function AnalyticsPage({ params }: AnalyticsPageProps) {
  const { workspace: slug } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/analytics`);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Analytics"
        description="How suggestions and templates perform: uses, acceptance, edits, resolution, CSAT and response time."
      />
      <AnalyticsTabs slug={slug} />
      <AnalyticsDashboard slug={slug} />
    </div>
  );
}
