import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CompareView } from "@/components/training/compare-view";
import { EmptyState } from "@/components/ui/empty-state";
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
  const caller = await getServerCaller(slug);
  if (!a || !b) {
    // Opened without a pair (a bookmark, a typed address): the deployed version against the
    // newest other one, the comparison an admin most often wants; fewer than two: say so.
    // Two newest are enough: the deployed version comes with the page even when it is older.
    const { versions, deployed } = await caller.training.versions({ limit: 2 });
    const base = deployed ?? versions[1];
    const other = versions.find((v) => v.id !== base?.id);
    if (base && other) {
      const [older, newer] = base.version < other.version ? [base, other] : [other, base];
      redirect(`/w/${slug}/training/compare?a=${older.id}&b=${newer.id}`);
    }
    return (
      <div className="space-y-6">
        <PageHeader
          title="Compare model versions"
          description={<Link href={`/w/${slug}/training`}>← Training</Link>}
        />
        <EmptyState
          title="Two versions are needed to compare"
          description={`This workspace has ${versions.length === 1 ? "only one model version so far" : "no model version yet"}. Each training run makes one.`}
          action={
            <Link className="text-sm font-medium text-accent-700" href={`/w/${slug}/training`}>
              Go to training
            </Link>
          }
        />
      </div>
    );
  }
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
