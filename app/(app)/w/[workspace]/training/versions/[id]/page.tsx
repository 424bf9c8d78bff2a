import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { VersionView } from "@/components/training/version-view";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Model version" };

type Props = { params: Promise<{ workspace: string; id: string }> };

export default async function ModelVersionPage({ params }: Props) {
  const { workspace: slug, id } = await params;
  const { workspace } = await requireWorkspaceAccess(slug, `/w/${slug}/training/versions/${id}`);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const caller = await getServerCaller(slug);
  const version = await caller.training.version({ id }).catch(() => null);
  if (!version) notFound();
  const formatting = { locale: workspace.locale, timeZone: workspace.timezone };
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Model version ${version.version}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Link href={`/w/${slug}/training`}>← Training</Link>
            {version.deployed ? <Badge tone="success">deployed</Badge> : null}
            <span data-testid="version-provenance">
              Trained {formatDateTime(version.createdAt, formatting)} by {version.createdByLabel}
              {version.jobId ? (
                <>
                  {" · "}
                  <Link
                    className="text-accent-700"
                    href={`/w/${slug}/training/jobs/${version.jobId}`}
                  >
                    its training run
                  </Link>
                </>
              ) : null}
            </span>
          </span>
        }
      />
      <VersionView version={version} slug={slug} formatting={formatting} />
    </div>
  );
}
