import type { Metadata } from "next";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { filtersFromSearchParams } from "./library-filters";
import { TemplateLibrary } from "./template-library";

const PAGE_SIZE = 25;

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Templates" };

type TemplatesPageProps = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function TemplatesPage({ params, searchParams }: TemplatesPageProps) {
  const { workspace: slug } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/templates`);
  const caller = await getServerCaller(slug);
  const [firstPage, categories, languages] = await Promise.all([
    caller.templates.list({ limit: PAGE_SIZE }),
    caller.templates.categories.list(),
    caller.templates.languages(),
  ]);
  return (
    <TemplateLibrary
      slug={slug}
      firstPage={firstPage}
      // No template at all (archived ones count): the list's first page hides archived ones.
      workspaceEmpty={languages.length === 0}
      categories={categories}
      languages={languages.map((l) => l.language)}
      initialFilters={filtersFromSearchParams(await searchParams)}
      pageSize={PAGE_SIZE}
      canWrite={isAtLeast(role, "admin")}
    />
  );
}
