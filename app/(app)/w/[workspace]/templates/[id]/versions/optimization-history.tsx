"use client";

import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { formatDateTime } from "@/lib/format";
import type { OptimizationSummary } from "@/server/templates/optimize/optimizations";

const STATUS_TONE = { accepted: "success", discarded: "neutral", proposed: "warning" } as const;

/** Every optimisation of the template: who asked, which model (or the rule-based optimiser), and what became of it. */
export function OptimizationHistory({ items }: { items: OptimizationSummary[] }) {
  const formatting = useDateFormatting();
  return (
    <Card aria-labelledby="optimizations-title">
      <CardHeader
        id="optimizations-title"
        title="Optimisations"
        description="Where optimised wording came from. An accepted one became the version shown."
      />
      <CardBody>
        {items.length === 0 ? (
          <p className="text-sm text-zinc-500">No optimisations yet.</p>
        ) : (
          <ul className="divide-y divide-zinc-100 text-sm" data-testid="optimization-history">
            {items.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <Badge tone={STATUS_TONE[o.status as keyof typeof STATUS_TONE] ?? "neutral"}>
                  {o.status === "accepted" ? `accepted as v${o.acceptedVersion}` : o.status}
                </Badge>
                <span className="text-zinc-800">
                  {o.source === "ai"
                    ? `AI (${o.model ?? "unknown model"})`
                    : "Rule-based optimiser (not AI)"}
                </span>
                <span className="text-zinc-500">
                  from v{o.baseVersion} · {formatDateTime(o.createdAt, formatting)}
                  {o.requestedBy
                    ? ` by ${o.requestedBy.name ?? o.requestedBy.email}`
                    : " by an API key"}
                </span>
                {o.goal ? <span className="text-zinc-500">goal: “{o.goal}”</span> : null}
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
