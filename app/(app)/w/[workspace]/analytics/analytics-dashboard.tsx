"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { download, lastDays } from "@/components/analytics/format";
import { KpiCards } from "@/components/analytics/kpi-cards";
import { TemplatesTable } from "@/components/analytics/templates-table";
import { TrendChart } from "@/components/analytics/trend-chart";
import { useTRPC, useTRPCClient } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { AnalyticsIcon } from "@/components/workspace/nav-icons";
import { formErrorMessage } from "@/lib/trpc-errors";

const PERIODS = [
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "custom", label: "Custom" },
] as const;

/** Filters (period, category, agent), KPI cards, the daily trend, per-template tables, exports. */
export function AnalyticsDashboard({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [preset, setPreset] = useState<string>("30");
  const [custom, setCustom] = useState(lastDays(30));
  const [categoryId, setCategoryId] = useState("");
  const [agentId, setAgentId] = useState("");
  const [exportError, setExportError] = useState<string | null>(null);
  const period = preset === "custom" ? custom : lastDays(Number(preset));
  const filters = {
    ...period,
    ...(categoryId ? { categoryId } : {}),
    ...(agentId ? { agentId } : {}),
  };
  const overview = useQuery(trpc.analytics.overview.queryOptions(filters));
  const templates = useQuery(trpc.analytics.templates.queryOptions(filters));
  const categories = useQuery(trpc.templates.categories.list.queryOptions());
  const members = useQuery(trpc.workspace.members.list.queryOptions());

  async function exportAs(format: "csv" | "json") {
    setExportError(null);
    try {
      const file = await client.analytics.export.query({ ...filters, format });
      download(file.filename, file.contentType, file.body);
    } catch (error) {
      setExportError(formErrorMessage(error));
    }
  }

  const error = overview.error ?? templates.error;
  const totals = overview.data?.totals;
  const empty =
    totals !== undefined && totals.sent === 0 && totals.shown === 0 && totals.resolved === 0;
  return (
    <div className="space-y-6">
      <form className="flex flex-wrap items-end gap-3" aria-label="Analytics filters">
        <label className="space-y-1 text-sm">
          <span className="block text-zinc-600">Period</span>
          <Select value={preset} onChange={(e) => setPreset(e.target.value)} options={PERIODS} />
        </label>
        {preset === "custom" ? (
          <>
            <label className="space-y-1 text-sm">
              <span className="block text-zinc-600">From</span>
              <Input
                type="date"
                value={custom.from}
                onChange={(e) => e.target.value && setCustom({ ...custom, from: e.target.value })}
              />
            </label>
            <label className="space-y-1 text-sm">
              <span className="block text-zinc-600">To</span>
              <Input
                type="date"
                value={custom.to}
                onChange={(e) => e.target.value && setCustom({ ...custom, to: e.target.value })}
              />
            </label>
          </>
        ) : null}
        <label className="space-y-1 text-sm">
          <span className="block text-zinc-600">Category</span>
          <Select value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
            <option value="">All categories</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block text-zinc-600">Agent</span>
          <Select value={agentId} onChange={(e) => setAgentId(e.target.value)}>
            <option value="">All agents</option>
            {(members.data ?? []).map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name || m.email}
              </option>
            ))}
          </Select>
        </label>
        <div className="ml-auto flex gap-2">
          <Button type="button" variant="secondary" onClick={() => exportAs("csv")}>
            Export CSV
          </Button>
          <Button type="button" variant="secondary" onClick={() => exportAs("json")}>
            Export JSON
          </Button>
        </div>
      </form>
      {exportError ? <Alert tone="error">{exportError}</Alert> : null}
      {error ? <Alert tone="error">{formErrorMessage(error)}</Alert> : null}
      {totals ? <KpiCards totals={totals} /> : <p className="text-sm text-zinc-500">Loading…</p>}
      {empty ? (
        <EmptyState
          icon={<AnalyticsIcon />}
          title="No template activity in this period"
          description="Figures appear as agents send replies with templates in the inbox and resolve conversations. Try a longer period or other filters."
        />
      ) : null}
      {overview.data && !empty ? (
        <Card>
          <CardHeader
            title="Daily trend"
            description="Template uses, suggestion acceptance and resolution rate per day (UTC)."
          />
          <TrendChart points={overview.data.daily} label="Daily template uses and rates" />
        </Card>
      ) : null}
      {templates.data && templates.data.templates.length > 0 ? (
        <TemplatesTable slug={slug} data={templates.data} />
      ) : null}
      {templates.data && templates.data.templates.length === 0 && !empty ? (
        <Card>
          <CardBody>
            <p className="text-sm text-zinc-500">
              No template you can see was used in this period.
            </p>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
