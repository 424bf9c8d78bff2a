"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { AB_TEST_METRICS, type AbTestMetric } from "@/lib/ab-test-metrics";
import { formatCount } from "@/lib/format";
import { formErrorMessage } from "@/lib/trpc-errors";

const field = "mt-1 block w-full rounded border border-zinc-300 px-2 py-1 text-sm";

/** Create form: the planned sample per variant updates live from the power analysis. */
export function AbTestCreate({ templateId, content }: { templateId: string; content: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [metric, setMetric] = useState<AbTestMetric>("resolution_rate");
  const [mde, setMde] = useState(0.1);
  const [baseRate, setBaseRate] = useState(0.3);
  const [sd, setSd] = useState(1);
  const [body, setBody] = useState(content);
  const rate = metric !== "csat";
  const planInput = {
    metric,
    alpha: 0.05,
    power: 0.8,
    mde,
    variants: 2,
    ...(rate ? { baseRate } : { sd }),
  };
  const plan = useQuery({ ...trpc.abTests.plan.queryOptions(planInput), retry: false });
  const create = useMutation(
    trpc.abTests.create.mutationOptions({
      onSuccess: async () => {
        setName("");
        await queryClient.invalidateQueries({ queryKey: trpc.abTests.pathKey() });
      },
    }),
  );
  return (
    <Card aria-labelledby="ab-create-title">
      <CardHeader id="ab-create-title" title="New A/B test" />
      <form
        className="grid gap-3 p-4 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({
            templateId,
            name,
            ...planInput,
            variants: [
              { label: "Control", weight: 1 },
              { label: "Variant B", content: body, weight: 1 },
            ],
          });
        }}
      >
        <label className="text-sm">
          Name
          <input
            className={field}
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="text-sm">
          Primary metric
          <select
            className={field}
            value={metric}
            onChange={(e) => setMetric(e.target.value as AbTestMetric)}
          >
            {AB_TEST_METRICS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Minimum detectable effect {rate ? "(rate points, 0.1 = 10 points)" : "(CSAT points)"}
          <input
            className={field}
            type="number"
            step="0.01"
            min="0.01"
            value={mde}
            onChange={(e) => setMde(Number(e.target.value))}
          />
        </label>
        {rate ? (
          <label className="text-sm">
            Base rate
            <input
              className={field}
              type="number"
              step="0.01"
              min="0.01"
              max="0.99"
              value={baseRate}
              onChange={(e) => setBaseRate(Number(e.target.value))}
            />
          </label>
        ) : (
          <label className="text-sm">
            Standard deviation of CSAT
            <input
              className={field}
              type="number"
              step="0.1"
              min="0.1"
              value={sd}
              onChange={(e) => setSd(Number(e.target.value))}
            />
          </label>
        )}
        <label className="text-sm sm:col-span-2">
          Variant B body (the control is the template&apos;s current text)
          <textarea
            className={field}
            rows={4}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        </label>
        <p className="text-sm text-zinc-700 sm:col-span-2" role="status" data-testid="ab-plan">
          {plan.data
            ? `Planned sample: ${formatCount(plan.data.plannedPerVariant)} conversations per variant (α 0.05 two-sided, power 0.8)`
            : plan.isError
              ? formErrorMessage(plan.error)
              : "Computing the sample size…"}
        </p>
        {create.isError ? <Alert tone="error">{formErrorMessage(create.error)}</Alert> : null}
        <div>
          <Button type="submit" disabled={create.isPending || !plan.data}>
            Create test
          </Button>
        </div>
      </form>
    </Card>
  );
}
