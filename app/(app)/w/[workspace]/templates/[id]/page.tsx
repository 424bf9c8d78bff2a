import type { Metadata } from "next";
import { TemplateEditor } from "@/components/templates/template-editor";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { loadCategoryNames, loadTemplate } from "../load-template";

export const dynamic = "force-dynamic";

type TemplatePageProps = {
  params: Promise<{ workspace: string; id: string }>;
  searchParams: Promise<{ created?: string; restored?: string; optimized?: string }>;
};

export async function generateMetadata({ params }: TemplatePageProps): Promise<Metadata> {
  const { workspace: slug, id } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/templates/${id}`);
  const template = await loadTemplate(slug, id);
  return { title: template.name };
}

export default async function TemplatePage({ params, searchParams }: TemplatePageProps) {
  const { workspace: slug, id } = await params;
  const { created, restored, optimized } = await searchParams;
  const { workspace, role } = await requireWorkspaceAccess(slug, `/w/${slug}/templates/${id}`);
  const [template, categories] = await Promise.all([
    loadTemplate(slug, id),
    loadCategoryNames(slug),
  ]);
  const notice = created
    ? "Template created."
    : restored
      ? `Restored v${restored}: it is the current version now.`
      : optimized && /^\d{1,9}$/.test(optimized)
        ? `Accepted the optimised wording: it is version ${optimized} now (History shows its origin).`
        : undefined;
  return (
    <TemplateEditor
      // A restore or another save elsewhere means new initial state: start the form over.
      key={`${template.id}-${template.currentVersion}`}
      slug={slug}
      initial={template}
      categories={categories}
      settings={{
        locale: workspace.locale,
        currency: workspace.currency,
        timeZone: workspace.timezone,
      }}
      // A personal template is only ever shown to its owner; shared ones are the admins'.
      canWrite={template.visibility === "personal" || isAtLeast(role, "admin")}
      isAdmin={isAtLeast(role, "admin")}
      notice={notice}
    />
  );
}
