import type { Metadata } from "next";
import Link from "next/link";
import { ScenariosEditor } from "@/components/training/scenarios-editor";
import { PageHeader } from "@/components/ui/page-header";
import { isAtLeast } from "@/lib/roles";
import type { RouterOutputs } from "@/lib/router-types";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Scenarios" };

type Props = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ run?: string }>;
};

type Caller = Awaited<ReturnType<typeof getServerCaller>>;

/** Every active template, by name, for the "expected template" picker (pages of 100). */
async function activeTemplates(caller: Caller) {
  const items = [];
  let cursor: string | null = null;
  do {
    const page = await caller.templates.list({
      limit: 100,
      status: "active",
      sort: "name",
      cursor,
    });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return { items };
}

export default async function ScenariosPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const { run: runId } = await searchParams;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/training/scenarios`);
  const caller = await getServerCaller(slug);
  const [scenarios, templates, versions] = await Promise.all([
    caller.training.scenarios.list(),
    activeTemplates(caller),
    caller.training.versions({ limit: 50 }),
  ]);
  // A run asked for by id (after "Run scenarios"); otherwise the deployed version's latest, so
  // the page opens on how the live model does on these scenarios.
  const deployed = versions.deployed;
  const latestId =
    runId && /^[0-9a-f-]{36}$/i.test(runId)
      ? runId
      : deployed
        ? (await caller.training.scenarioRuns({ versionId: deployed.id, limit: 1 }))[0]?.id
        : undefined;
  const run = latestId
    ? await caller.training.scenarioRun({ id: latestId }).catch(() => null)
    : null;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Scenarios"
        description={<Link href={`/w/${slug}/training`}>← Training</Link>}
      />
      <ScenariosEditor
        initial={scenarios}
        templates={templates.items.map((t) => ({ value: t.id, label: t.name }))}
        versions={versionOptions(versions)}
        run={run}
        slug={slug}
        canManage={isAtLeast(role, "admin")}
      />
    </div>
  );
}

/** The newest 50 versions to run scenarios on, and the deployed one when it is older. */
function versionOptions({ versions, deployed }: RouterOutputs["training"]["versions"]) {
  const options = versions.map((v) => ({
    value: v.id,
    label: `v${v.version}${v.deployed ? " (deployed)" : ""}`,
  }));
  if (deployed && !versions.some((v) => v.id === deployed.id)) {
    options.push({ value: deployed.id, label: `v${deployed.version} (deployed)` });
  }
  return options;
}
