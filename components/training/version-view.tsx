import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { type DateFormatting, formatCount, formatDateTime, pluralize } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { bytes, pct } from "./format";

type Version = RouterOutputs["training"]["version"];

/** One version's metrics: headline, per-template precision/recall, confused pairs, runs. */
export function VersionView({
  version,
  slug,
  formatting,
}: {
  version: Version;
  slug: string;
  formatting: DateFormatting;
}) {
  const m = version.metrics;
  const names = m.templateNames;
  const name = (id: string) => names[id] ?? id;
  const report = m.model.heldOut?.report;
  const h = m.headline;
  return (
    <div className="space-y-6">
      <Card aria-labelledby="headline-title">
        <CardHeader
          id="headline-title"
          title="Held-out evaluation"
          description={`${formatCount(h.heldOutRows)} held-out examples (stratified), ${pluralize(h.trainRows, "example")} in all, ${pluralize(h.labels, "template")}.`}
        />
        <dl className="grid grid-cols-2 gap-4 px-5 py-4 text-sm sm:grid-cols-4">
          {[
            ["Top-1", pct(h.top1)],
            ["Top-3", pct(h.top3)],
            ["Macro-F1", pct(h.macroF1)],
            ["Scenarios top-1", pct(h.scenarioTop1)],
            ["Confidence threshold", h.threshold.toFixed(3)],
            ["Answered confidently", pct(h.coverage)],
            ["Precision when confident", pct(h.answeredPrecision)],
            ["Size", bytes(version.sizeBytes)],
          ].map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs text-zinc-500">{label}</dt>
              <dd className="text-lg font-semibold text-zinc-900">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      {report && report.confusedPairs.length > 0 ? (
        <Card aria-labelledby="confused-title">
          <CardHeader id="confused-title" title="Most confused" />
          <ul className="divide-y divide-zinc-100 text-sm">
            {report.confusedPairs.slice(0, 10).map((p) => (
              <li key={`${p.truth}-${p.predicted}`} className="flex gap-2 px-5 py-2">
                <span className="font-medium">{name(p.truth)}</span>
                <span className="text-zinc-400">taken for</span>
                <span className="font-medium">{name(p.predicted)}</span>
                <span className="ml-auto text-zinc-500">{p.count}×</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {report ? (
        <Card aria-labelledby="per-template-title">
          <CardHeader id="per-template-title" title="Per template" />
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Template</TableHeaderCell>
                <TableHeaderCell>Precision</TableHeaderCell>
                <TableHeaderCell>Recall</TableHeaderCell>
                <TableHeaderCell>F1</TableHeaderCell>
                <TableHeaderCell>Held-out examples</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...report.perLabel]
                .sort((a, b) => a.f1 - b.f1)
                .map((l) => (
                  <TableRow key={l.label}>
                    <TableCell>{name(l.label)}</TableCell>
                    <TableCell>{pct(l.precision)}</TableCell>
                    <TableCell>{pct(l.recall)}</TableCell>
                    <TableCell>{pct(l.f1)}</TableCell>
                    <TableCell>{l.support}</TableCell>
                  </TableRow>
                ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
      <Card aria-labelledby="runs-title">
        <CardHeader
          id="runs-title"
          title="Scenario runs"
          actions={
            <Link
              className="text-sm text-accent-700"
              href={`/w/${slug}/training/scenarios?version=${version.id}`}
            >
              Scenarios
            </Link>
          }
        />
        {version.scenarioRuns.length === 0 ? (
          <p className="px-5 py-6 text-sm text-zinc-500">No scenario runs for this version.</p>
        ) : (
          <ul className="divide-y divide-zinc-100 text-sm">
            {version.scenarioRuns.map((run) => {
              const s = run.summary as { overall: { count: number; top1: number; passed: number } };
              return (
                <li key={run.id} className="flex gap-4 px-5 py-2">
                  <Link
                    className="text-accent-700"
                    href={`/w/${slug}/training/scenarios?run=${run.id}`}
                  >
                    {formatDateTime(run.createdAt, formatting)}
                  </Link>
                  <span>{s.overall.count} scenarios</span>
                  <span>top-1 {pct(s.overall.top1)}</span>
                  <span>passed {pct(s.overall.passed)}</span>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
