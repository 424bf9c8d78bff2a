import type { Metadata } from "next";
import { AdminsOnly } from "@/components/workspace/admins-only";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { TrashList } from "./trash-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Template trash" };

type TrashPageProps = { params: Promise<{ workspace: string }> };

export default async function TemplateTrashPage({ params }: TrashPageProps) {
  const { workspace: slug } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/templates/trash`);
  if (!isAtLeast(role, "admin")) return <AdminsOnly what="The template trash" />;
  const caller = await getServerCaller(slug);
  return <TrashList slug={slug} initial={await caller.templates.trash.list()} />;
}
