import type { Metadata } from "next";
import { lastDays } from "@/components/analytics/format";
import { PageHeader } from "@/components/ui/page-header";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { GettingStarted } from "./getting-started";
import { OverviewStats } from "./overview-stats";
import { RecentActivity } from "./recent-activity";
import { SupportStats } from "./support-stats";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

type OverviewPageProps = { params: Promise<{ workspace: string }> };

/**
 * The dashboard. Everything on it is read from the database in one round of parallel queries;
 * what agents may not see (invitations, keys, audit) is not even asked for.
 */
export default async function OverviewPage({ params }: OverviewPageProps) {
  const { workspace: slug } = await params;
  const { workspace, role } = await requireWorkspaceAccess(slug);
  const isAdmin = isAtLeast(role, "admin");
  const caller = await getServerCaller(slug);

  const [members, templates, training, counts, month, invitations, apiKeys, audit] =
    await Promise.all([
      caller.workspace.members.list(),
      caller.templates.list({ limit: 1 }),
      caller.training.overview(),
      caller.inbox.counts(),
      caller.analytics.overview(lastDays(30)),
      isAdmin ? caller.workspace.invitations.list() : null,
      isAdmin ? caller.apiKeys.list() : null,
      isAdmin ? caller.audit.list({ limit: 10 }) : null,
    ]);

  const activeKeyCount = apiKeys?.filter((key) => !key.revokedAt).length ?? null;
  const formatting = { locale: workspace.locale, timeZone: workspace.timezone };

  return (
    <div className="space-y-8">
      <PageHeader title={workspace.name} description="Workspace overview" />
      <SupportStats
        slug={slug}
        counts={counts}
        month={month.totals}
        deployedVersion={training.deployed?.version ?? null}
      />
      <OverviewStats
        slug={slug}
        role={role}
        memberCount={members.length}
        openInvitationCount={invitations?.length ?? null}
        activeKeyCount={activeKeyCount}
      />
      <div className="grid gap-6 lg:grid-cols-5">
        <div className={audit ? "lg:col-span-2" : "lg:col-span-5"}>
          <GettingStarted
            slug={slug}
            canManage={isAdmin}
            hasTeammate={members.length > 1 || (invitations?.length ?? 0) > 0}
            hasApiKey={apiKeys ? apiKeys.length > 0 : null}
            hasTemplate={templates.items.length > 0}
            hasTrainingData={training.counts.readyDatasets > 0}
            hasDeployedModel={training.deployed !== null}
          />
        </div>
        {audit ? (
          <div className="lg:col-span-3">
            <RecentActivity slug={slug} entries={audit.items} formatting={formatting} />
          </div>
        ) : null}
      </div>
    </div>
  );
}
