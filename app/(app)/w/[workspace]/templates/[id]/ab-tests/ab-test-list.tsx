"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { abTestMetricLabel } from "@/lib/ab-test-metrics";
import { formErrorMessage } from "@/lib/trpc-errors";

const pct = (x: number | null | undefined, rate: boolean) =>
  x === null || x === undefined ? "—" : rate ? `${(x * 100).toFixed(1)}%` : x.toFixed(2);

/** A template's tests: status, per-variant results with CIs, progress, verdict after the horizon. */
export function AbTestList({ templateId, canWrite }: { templateId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.abTests.list.queryOptions({ templateId }));
  if (list.isError) return <Alert tone="error">{formErrorMessage(list.error)}</Alert>;
  if (!list.data) return <p role="status">Loading tests…</p>;
  if (list.data.length === 0) return <p className="text-sm text-zinc-500">No A/B tests yet.</p>;
  return (
    <div className="space-y-4">
      {list.data.map((t) => (
        <AbTestCard key={t.id} id={t.id} canWrite={canWrite} />
      ))}
    </div>
  );
}

export function AbTestCard({ id, canWrite }: { id: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const test = useQuery(trpc.abTests.get.queryOptions({ id }));
  const results = useQuery(trpc.abTests.results.queryOptions({ id }));
  const refresh = { onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.pathKey() }) };
  const start = useMutation(trpc.abTests.start.mutationOptions(refresh));
  const stop = useMutation(trpc.abTests.stop.mutationOptions(refresh));
  const promote = useMutation(trpc.abTests.promote.mutationOptions(refresh));
  const error = start.error ?? stop.error ?? promote.error;
  if (!test.data || !results.data) return <p role="status">Loading…</p>;
  const t = test.data;
  const r = results.data;
  const rate = r.metric !== "csat";
  return (
    <Card aria-label={`A/B test ${t.name}`}>
      <CardHeader title={`${t.name} · ${t.status}`} />
      <div className="space-y-3 p-4 text-sm">
        <p>
          Metric {abTestMetricLabel(t.metric)} · MDE {t.mde} · planned {t.plannedPerVariant} per
          variant
          {t.promotedVersion ? ` · promoted as v${t.promotedVersion}` : ""}
        </p>
        <table className="w-full text-left">
          <thead>
            <tr>
              <th>Variant</th>
              <th>n</th>
              <th>{rate ? "Rate" : "Mean"}</th>
              <th>95% CI</th>
            </tr>
          </thead>
          <tbody>
            {r.variants.map((v) => (
              <tr key={v.variantId}>
                <td>{v.label}</td>
                <td>{v.n}</td>
                <td>{pct(v.estimate, rate)}</td>
                <td>
                  {v.interval
                    ? `${pct(v.interval.low, rate)} – ${pct(v.interval.high, rate)}`
                    : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p data-testid="ab-verdict" role="status">
          {r.verdict
            ? `Verdict (${r.verdict.test.replaceAll("_", " ")}): p = ${r.verdict.pValue.toPrecision(3)}, ${
                r.verdict.significant ? "significant" : "not significant"
              }; winner: ${
                r.variants.find((v) => v.variantId === r.verdict?.winnerVariantId)?.label ?? "none"
              }`
            : `Collecting: ${r.progress.minN}/${r.progress.planned} per variant. The verdict stays hidden until every variant reaches the planned sample.`}
        </p>
        {error ? <Alert tone="error">{formErrorMessage(error)}</Alert> : null}
        {canWrite ? (
          <div className="flex gap-2">
            {t.status === "draft" ? (
              <Button onClick={() => start.mutate({ id })}>Start</Button>
            ) : null}
            {t.status === "running" ? (
              <Button variant="secondary" onClick={() => stop.mutate({ id })}>
                Stop
              </Button>
            ) : null}
            {r.verdict?.winnerVariantId && t.status !== "completed" ? (
              <Button onClick={() => promote.mutate({ id })}>Promote winner</Button>
            ) : null}
          </div>
        ) : null}
      </div>
    </Card>
  );
}
