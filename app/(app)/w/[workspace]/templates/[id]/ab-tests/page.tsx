import type { Metadata } from "next";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { loadTemplate } from "../../load-template";
import { AbTestCreate } from "./ab-test-create";
import { AbTestList } from "./ab-test-list";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ workspace: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspace: slug, id } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/templates/${id}/ab-tests`);
  const template = await loadTemplate(slug, id);
  return { title: `A/B tests · ${template.name}` };
}

export default async function AbTestsPage({ params }: Props) {
  const { workspace: slug, id } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/templates/${id}/ab-tests`);
  const template = await loadTemplate(slug, id);
  const canWrite = isAtLeast(role, "admin");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">
        A/B tests · {template.name}
      </h1>
      {canWrite ? <AbTestCreate templateId={template.id} content={template.content} /> : null}
      <AbTestList templateId={template.id} canWrite={canWrite} />
    </div>
  );
}
