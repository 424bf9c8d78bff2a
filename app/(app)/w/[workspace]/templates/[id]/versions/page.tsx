import type { Metadata } from "next";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { loadTemplate } from "../../load-template";
import { OptimizationHistory } from "./optimization-history";
import { VersionHistory } from "./version-history";

export const dynamic = "force-dynamic";

type VersionsPageProps = { params: Promise<{ workspace: string; id: string }> };

export async function generateMetadata({ params }: VersionsPageProps): Promise<Metadata> {
  const { workspace: slug, id } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/templates/${id}/versions`);
  const template = await loadTemplate(slug, id);
  return { title: `History · ${template.name}` };
}

export default async function VersionsPage({ params }: VersionsPageProps) {
  const { workspace: slug, id } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/templates/${id}/versions`);
  const template = await loadTemplate(slug, id);
  const caller = await getServerCaller(slug);
  const [versions, optimizations] = await Promise.all([
    caller.templates.versions.list({ id }),
    caller.templates.optimizations.list({ templateId: id }),
  ]);
  return (
    <div className="space-y-6">
      <VersionHistory
        key={template.currentVersion}
        slug={slug}
        template={template}
        versions={versions}
        canWrite={isAtLeast(role, "admin")}
      />
      <OptimizationHistory items={optimizations} />
    </div>
  );
}
