import type { Metadata } from "next";
import Link from "next/link";
import { AnalyticsTabs } from "@/components/analytics/analytics-tabs";
import { templatesPath } from "@/components/templates/template-types";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { abTestMetricLabel } from "@/lib/ab-test-metrics";
import { formatDate } from "@/lib/format";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "A/B tests" };

type Props = { params: Promise<{ workspace: string }> };

const STATUS_TONES: Record<string, BadgeTone> = {
  draft: "neutral",
  running: "success",
  stopped: "warning",
  completed: "accent",
};

/** Every A/B test of the workspace, newest first; each links to its template's tests and results. */
export default async function AbTestsListPage({ params }: Props) {
  const { workspace: slug } = await params;
  const { workspace } = await requireWorkspaceAccess(slug, `/w/${slug}/analytics/ab-tests`);
  const caller = await getServerCaller(slug);
  const tests = await caller.abTests.list({});
  const formatting = { locale: workspace.locale, timeZone: workspace.timezone };
  return (
    <div className="space-y-6">
      <PageHeader
        title="A/B tests"
        description="Template wording tests: which variant wins on resolution, CSAT or acceptance, with the statistics on each template's A/B tests page."
      />
      <AnalyticsTabs slug={slug} />
      {tests.length === 0 ? (
        <EmptyState
          title="No A/B tests yet"
          description={
            <>
              Open a template and choose <strong>A/B tests</strong> to try a second wording on live
              conversations. <Link href={`/w/${slug}/templates`}>Go to templates</Link>.
            </>
          }
        />
      ) : (
        <Card>
          <Table aria-label="A/B tests">
            <TableHead>
              <TableRow>
                <TableHeaderCell>Test</TableHeaderCell>
                <TableHeaderCell>Template</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Metric</TableHeaderCell>
                <TableHeaderCell className="text-right">Planned per variant</TableHeaderCell>
                <TableHeaderCell>Started</TableHeaderCell>
                <TableHeaderCell>Stopped</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {tests.map((t) => (
                <TableRow key={t.id}>
                  <TableCell>
                    <Link
                      className="font-medium text-accent-700 hover:underline"
                      href={templatesPath(slug, t.templateId, "ab-tests")}
                    >
                      {t.name}
                    </Link>
                  </TableCell>
                  <TableCell>{t.templateName ?? "A template you cannot see"}</TableCell>
                  <TableCell>
                    <Badge tone={STATUS_TONES[t.status] ?? "neutral"}>{t.status}</Badge>
                  </TableCell>
                  <TableCell>{abTestMetricLabel(t.metric)}</TableCell>
                  <TableCell className="text-right tabular-nums">{t.plannedPerVariant}</TableCell>
                  <TableCell>{t.startedAt ? formatDate(t.startedAt, formatting) : "—"}</TableCell>
                  <TableCell>{t.stoppedAt ? formatDate(t.stoppedAt, formatting) : "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </div>
  );
}
