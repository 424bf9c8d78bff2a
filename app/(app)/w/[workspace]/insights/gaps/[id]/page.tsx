import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GapDetail } from "@/components/insights/gap-detail";
import { InsightsTabs } from "@/components/insights/insights-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Knowledge gap" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type GapPageProps = { params: Promise<{ workspace: string; id: string }> };

/** One knowledge gap: evidence, drill-down to every message, and the admin's actions. */
export default async function GapPage({ params }: GapPageProps) {
  const { workspace: slug, id } = await params;
  if (!UUID.test(id)) notFound();
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/insights/gaps/${id}`);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Knowledge gap"
        description="Customer messages the deployed model had no confident suggestion for, grouped by topic."
      />
      <InsightsTabs slug={slug} />
      <GapDetail slug={slug} gapId={id} canManage={isAtLeast(role, "admin")} />
    </div>
  );
}
