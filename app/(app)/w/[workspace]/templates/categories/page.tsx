import type { Metadata } from "next";
import { AdminsOnly } from "@/components/workspace/admins-only";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { CategoryManager } from "./category-manager";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Template categories" };

type CategoriesPageProps = { params: Promise<{ workspace: string }> };

export default async function TemplateCategoriesPage({ params }: CategoriesPageProps) {
  const { workspace: slug } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/templates/categories`);
  if (!isAtLeast(role, "admin")) return <AdminsOnly what="Template categories" />;
  const caller = await getServerCaller(slug);
  return <CategoryManager slug={slug} initial={await caller.templates.categories.list()} />;
}
