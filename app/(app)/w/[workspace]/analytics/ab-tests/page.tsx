import type { Metadata } from "next";
import Link from "next/link";
import { templatesPath } from "@/components/templates/template-types";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "A/B tests" };

type Props = { params: Promise<{ workspace: string }> };

/** Every A/B test of the workspace, newest first; each links to its template's tests. */
export default async function AbTestsListPage({ params }: Props) {
  const { workspace: slug } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/analytics/ab-tests`);
  const caller = await getServerCaller(slug);
  const tests = await caller.abTests.list({});
  return (
    <div className="space-y-6">
      <PageHeader title="A/B tests" description="Template wording tests and their results." />
      {tests.length === 0 ? (
        <p className="text-sm text-zinc-500">
          No A/B tests yet. Start one from a template&apos;s A/B tests page.
        </p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th>Test</th>
              <th>Status</th>
              <th>Metric</th>
              <th>Planned per variant</th>
            </tr>
          </thead>
          <tbody>
            {tests.map((t) => (
              <tr key={t.id}>
                <td>
                  <Link className="underline" href={templatesPath(slug, t.templateId, "ab-tests")}>
                    {t.name}
                  </Link>
                </td>
                <td>{t.status}</td>
                <td>{t.metric.replace("_", " ")}</td>
                <td>{t.plannedPerVariant}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
