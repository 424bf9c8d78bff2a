import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { pluralize } from "@/lib/format";
import type { UsageDay } from "@/server/ai/usage";

type Usage = { days: UsageDay[]; today: { calls: number; tokens: number } };

const cost = (micro: number | null) =>
  micro === null ? "unknown" : `$${(micro / 1_000_000).toFixed(4)}`;

/** AI usage: today's totals, then per UTC day and use case (calls, failures, tokens, estimated cost). */
export function AiUsage({ usage }: { usage: Usage }) {
  return (
    <Card aria-labelledby="ai-usage-title">
      <CardHeader
        id="ai-usage-title"
        title="Usage"
        description={`Today: ${pluralize(usage.today.calls, "call")}, ${pluralize(usage.today.tokens, "token")}. Costs are estimates from list prices; local models show “unknown”.`}
      />
      <CardBody>
        {usage.days.length === 0 ? (
          <p className="text-sm text-zinc-500">No AI calls in the last 14 days.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="ai-usage">
              <thead className="text-zinc-500">
                <tr>
                  <th className="py-1 pr-3 font-medium">Day (UTC)</th>
                  <th className="py-1 pr-3 font-medium">Use case</th>
                  <th className="py-1 pr-3 text-right font-medium">Calls</th>
                  <th className="py-1 pr-3 text-right font-medium">Failed</th>
                  <th className="py-1 pr-3 text-right font-medium">Input tokens</th>
                  <th className="py-1 pr-3 text-right font-medium">Output tokens</th>
                  <th className="py-1 pr-3 text-right font-medium">Avg latency</th>
                  <th className="py-1 text-right font-medium">Est. cost</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {usage.days.map((d) => (
                  <tr key={`${d.day}-${d.useCase}`}>
                    <td className="py-1 pr-3">{d.day}</td>
                    <td className="py-1 pr-3">{d.useCase}</td>
                    <td className="py-1 pr-3 text-right">{d.calls}</td>
                    <td className="py-1 pr-3 text-right">{d.failures}</td>
                    <td className="py-1 pr-3 text-right">{d.inputTokens}</td>
                    <td className="py-1 pr-3 text-right">{d.outputTokens}</td>
                    <td className="py-1 pr-3 text-right">{d.avgLatencyMs} ms</td>
                    <td className="py-1 text-right">{cost(d.costMicroUsd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
