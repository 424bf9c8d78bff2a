import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AnalyticsIcon } from "@/components/workspace/nav-icons";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Analytics" };

type AnalyticsPageProps = { params: Promise<{ workspace: string }> };

export default async function AnalyticsPage({ params }: AnalyticsPageProps) {
  const { workspace: slug } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/analytics`);
  return (
    <div className="space-y-6">
      <PageHeader title="Analytics" description="How suggestions and templates perform." />
      <EmptyState
        icon={<AnalyticsIcon />}
        title="Nothing to measure yet"
        description="Analytics will appear here once conversations and templates exist: template usage and outcomes, suggestion acceptance and A/B test results."
      />
    </div>
  );
}
