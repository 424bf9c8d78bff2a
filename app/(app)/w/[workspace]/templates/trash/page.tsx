import type { Metadata } from "next";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { TrashList } from "./trash-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Template trash" };

type TrashPageProps = { params: Promise<{ workspace: string }> };

export default async function TemplateTrashPage({ params }: TrashPageProps) {
  const { workspace: slug } = await params;
  // Everyone's trash holds what they could restore: agents see their personal templates only.
  await requireWorkspaceAccess(slug, `/w/${slug}/templates/trash`);
  const caller = await getServerCaller(slug);
  return <TrashList slug={slug} initial={await caller.templates.trash.list()} />;
}
