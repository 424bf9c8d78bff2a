import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { loadTemplate } from "../../load-template";
import { TemplateAnalytics } from "./template-analytics";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ workspace: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspace: slug, id } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/templates/${id}/analytics`);
  const template = await loadTemplate(slug, id);
  return { title: `Analytics · ${template.name}` };
}

export default async function TemplateAnalyticsPage({ params }: Props) {
  const { workspace: slug, id } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/templates/${id}/analytics`);
  const template = await loadTemplate(slug, id);
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Analytics · ${template.name}`}
        description="Uses, acceptance, edits, resolution, CSAT and response time of this template, by day and by version."
      />
      <TemplateAnalytics templateId={template.id} currentVersion={template.currentVersion} />
    </div>
  );
}
