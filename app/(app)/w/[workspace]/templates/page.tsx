import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TemplatesIcon } from "@/components/workspace/nav-icons";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Templates" };

type TemplatesPageProps = { params: Promise<{ workspace: string }> };

export default async function TemplatesPage({ params }: TemplatesPageProps) {
  const { workspace: slug } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/templates`);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Templates"
        description="Reply templates with variables, suggested to agents in the inbox."
      />
      <EmptyState
        icon={<TemplatesIcon />}
        title="No templates yet"
        description="Reply templates will be listed here once they can be written in this workspace, with how often each is used and how its conversations end."
      />
    </div>
  );
}
