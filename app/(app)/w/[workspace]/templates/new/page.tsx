import type { Metadata } from "next";
import { TemplateEditor } from "@/components/templates/template-editor";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { loadCategoryNames } from "../load-template";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New template" };

type NewTemplatePageProps = { params: Promise<{ workspace: string }> };

export default async function NewTemplatePage({ params }: NewTemplatePageProps) {
  const { workspace: slug } = await params;
  const { workspace, role } = await requireWorkspaceAccess(slug, `/w/${slug}/templates/new`);
  const categories = await loadCategoryNames(slug);
  return (
    <TemplateEditor
      slug={slug}
      initial={null}
      categories={categories}
      settings={{
        locale: workspace.locale,
        currency: workspace.currency,
        timeZone: workspace.timezone,
      }}
      canWrite
      isAdmin={isAtLeast(role, "admin")}
    />
  );
}
