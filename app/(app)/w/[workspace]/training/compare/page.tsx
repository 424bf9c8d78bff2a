import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CompareView } from "@/components/training/compare-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare model versions" };

type Props = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ a?: string; b?: string }>;
};

export default async function CompareVersionsPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const { a, b } = await searchParams;
  await requireWorkspaceAccess(slug, `/w/${slug}/training/compare`);
  if (!a || !b) notFound();
  const caller = await getServerCaller(slug);
  const comparison = await caller.training.compare({ a, b }).catch(() => null);
  if (!comparison) notFound();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Compare model versions"
        description={<Link href={`/w/${slug}/training`}>← Training</Link>}
      />
      <CompareView comparison={comparison} />
    </div>
  );
}
