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
  /** `run`: a run to show; `version`: a version to run on (its page links here with it). */
  searchParams: Promise<{ run?: string; version?: string }>;
};

type Caller = Awaited<ReturnType<typeof getServerCaller>>;

const UUID = /^[0-9a-f-]{36}$/i;

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
  const asked = await searchParams;
  const runId = asked.run && UUID.test(asked.run) ? asked.run : undefined;
  const askedVersion = asked.version && UUID.test(asked.version) ? asked.version : undefined;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/training/scenarios`);
  const caller = await getServerCaller(slug);
  const [scenarios, templates, versions] = await Promise.all([
    caller.training.scenarios.list(),
    activeTemplates(caller),
    caller.training.versions({ limit: 50 }),
  ]);
  // A run asked for by id (after "Run scenarios"); else the latest of the version asked for (a
  // version page's "Scenarios" link) or of the deployed one, so the page opens on the run of
  // the version its picker shows.
  const shownVersion = askedVersion ?? versions.deployed?.id;
  const latestId =
    runId ??
    (shownVersion
      ? (
          await caller.training.scenarioRuns({ versionId: shownVersion, limit: 1 }).catch(() => [])
        )[0]?.id // an id that is not one of the workspace's versions: no run
      : undefined);
  const run = latestId
    ? await caller.training.scenarioRun({ id: latestId }).catch(() => null)
    : null;
  const options = await versionOptions(caller, versions, [askedVersion, run?.versionId]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Scenarios"
        description={<Link href={`/w/${slug}/training`}>← Training</Link>}
      />
      <ScenariosEditor
        initial={scenarios}
        templates={templates.items.map((t) => ({ value: t.id, label: t.name }))}
        versions={options}
        initialVersionId={askedVersion}
        run={run}
        slug={slug}
        canManage={isAtLeast(role, "admin")}
      />
    </div>
  );
}

/**
 * The newest 50 versions to run scenarios on, the deployed one when it is older, and the
 * versions the page was asked to show (by id, or the shown run's) wherever they are in the list.
 */
async function versionOptions(
  caller: Caller,
  { versions, deployed }: RouterOutputs["training"]["versions"],
  wanted: (string | undefined)[],
) {
  const options = versions.map((v) => ({
    value: v.id,
    label: `v${v.version}${v.deployed ? " (deployed)" : ""}`,
  }));
  if (deployed && !versions.some((v) => v.id === deployed.id)) {
    options.push({ value: deployed.id, label: `v${deployed.version} (deployed)` });
  }
  for (const id of new Set(wanted)) {
    if (!id || options.some((o) => o.value === id)) continue;
    // Not found (another workspace's id, a deleted version): simply not offered.
    const row = await caller.training.version({ id }).catch(() => null);
    if (row) {
      options.push({ value: row.id, label: `v${row.version}${row.deployed ? " (deployed)" : ""}` });
    }
  }
  return options;
}
