"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { csat, duration, lastDays, pct } from "@/components/analytics/format";
import { KpiCards } from "@/components/analytics/kpi-cards";
import { TrendChart } from "@/components/analytics/trend-chart";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { formatCount } from "@/lib/format";
import { formErrorMessage } from "@/lib/trpc-errors";

const PERIODS = [
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
];

type Period = {
  from: string;
  to: string;
  uses: number;
  acceptanceRate: number | null;
  editRate: number | null;
  resolutionRate: number | null;
  avgCsat: number | null;
  avgResponseMs: number | null;
};

function PeriodRow({ label, p }: { label: string; p: Period | null }) {
  return (
    <tr className="border-t border-zinc-100">
      <th scope="row" className="py-2 pr-4 text-left font-medium">
        {label}{" "}
        {p ? (
          <span className="text-zinc-500">
            ({p.from} → {p.to})
          </span>
        ) : null}
      </th>
      <td className="px-2 text-right tabular-nums">{p ? p.uses : "—"}</td>
      <td className="px-2 text-right tabular-nums">{p ? pct(p.acceptanceRate) : "—"}</td>
      <td className="px-2 text-right tabular-nums">{p ? pct(p.editRate) : "—"}</td>
      <td className="px-2 text-right tabular-nums">{p ? pct(p.resolutionRate) : "—"}</td>
      <td className="px-2 text-right tabular-nums">{p ? csat(p.avgCsat) : "—"}</td>
      <td className="px-2 text-right tabular-nums">{p ? duration(p.avgResponseMs) : "—"}</td>
    </tr>
  );
}

/** A template's trend, its figures per version, and before/after around a chosen version. */
export function TemplateAnalytics(props: { templateId: string; currentVersion: number }) {
  const trpc = useTRPC();
  const [days, setDays] = useState("30");
  const [version, setVersion] = useState(props.currentVersion);
  const period = lastDays(Number(days));
  const detail = useQuery(
    trpc.analytics.template.queryOptions({ ...period, templateId: props.templateId }),
  );
  const compare = useQuery(
    trpc.analytics.compare.queryOptions({ templateId: props.templateId, version, days: 14 }),
  );
  const error = detail.error ?? compare.error;
  const versions = detail.data?.savedVersions ?? [];
  return (
    <div className="space-y-6">
      <label className="block max-w-xs space-y-1 text-sm">
        <span className="block text-zinc-600">Period</span>
        <Select value={days} onChange={(e) => setDays(e.target.value)} options={PERIODS} />
      </label>
      {error ? <Alert tone="error">{formErrorMessage(error)}</Alert> : null}
      {detail.data ? <KpiCards totals={detail.data.totals} /> : null}
      {detail.data && detail.data.totals.uses === 0 && detail.data.totals.shown === 0 ? (
        <p className="text-sm text-zinc-500">
          This template was not suggested or sent in this period.
        </p>
      ) : null}
      {detail.data ? (
        <Card>
          <CardHeader title="Daily trend" description="UTC days." />
          <TrendChart points={detail.data.daily} label="This template's daily uses and rates" />
        </Card>
      ) : null}
      {detail.data && detail.data.versions.length > 0 ? (
        <Card>
          <CardHeader title="By version" description="The version that was sent." />
          <CardBody>
            <table className="w-full text-sm" aria-label="Figures by version">
              <thead>
                <tr className="text-zinc-500">
                  <th className="text-left font-normal">Version</th>
                  <th className="text-right font-normal">Uses</th>
                  <th className="text-right font-normal">Acceptance</th>
                  <th className="text-right font-normal">Edited</th>
                  <th className="text-right font-normal">Resolution</th>
                  <th className="text-right font-normal">CSAT</th>
                </tr>
              </thead>
              <tbody>
                {detail.data.versions.map((v) => (
                  <tr key={v.version ?? "none"} className="border-t border-zinc-100">
                    <td className="py-2">{v.version === null ? "Unknown" : `v${v.version}`}</td>
                    <td className="text-right tabular-nums">{formatCount(v.uses)}</td>
                    <td className="text-right tabular-nums">{pct(v.acceptanceRate)}</td>
                    <td className="text-right tabular-nums">{pct(v.editRate)}</td>
                    <td className="text-right tabular-nums">{pct(v.resolutionRate)}</td>
                    <td className="text-right tabular-nums">{csat(v.avgCsat)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardBody>
        </Card>
      ) : null}
      <Card>
        <CardHeader
          title="Before and after a version"
          description="14 days before the version was saved against the days from its save on (UTC days)."
          actions={
            <Select
              aria-label="Version"
              value={String(version)}
              onChange={(e) => setVersion(Number(e.target.value))}
            >
              {(versions.length > 0 ? versions : [{ version: props.currentVersion }]).map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                </option>
              ))}
            </Select>
          }
        />
        <CardBody>
          {compare.data ? (
            <table className="w-full text-sm" aria-label="Before and after">
              <thead>
                <tr className="text-zinc-500">
                  <th className="text-left font-normal">{compare.data.label}</th>
                  <th className="text-right font-normal">Uses</th>
                  <th className="text-right font-normal">Acceptance</th>
                  <th className="text-right font-normal">Edited</th>
                  <th className="text-right font-normal">Resolution</th>
                  <th className="text-right font-normal">CSAT</th>
                  <th className="text-right font-normal">First response</th>
                </tr>
              </thead>
              <tbody>
                <PeriodRow label="Before" p={compare.data.before} />
                <PeriodRow label="After" p={compare.data.after} />
              </tbody>
            </table>
          ) : null}
        </CardBody>
      </Card>
    </div>
  );
}
