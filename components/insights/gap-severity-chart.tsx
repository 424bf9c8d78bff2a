"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { pluralize } from "@/lib/format";
import type { GapView } from "./types";

export const gapTitle = (gap: Pick<GapView, "keyPhrases" | "examples">) =>
  gap.keyPhrases.slice(0, 3).join(", ") || gap.examples[0]?.text.slice(0, 60) || "Untitled gap";

/** The biggest gaps by severity, as horizontal bars (size in the tooltip). */
export function GapSeverityChart({ gaps, label }: { gaps: GapView[]; label: string }) {
  const data = gaps.slice(0, 8).map((g) => ({
    name: gapTitle(g),
    Severity: g.severity,
    Messages: g.size,
  }));
  return (
    <figure
      className="w-full px-2 py-4"
      style={{ height: 48 + data.length * 36 }}
      aria-label={label}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 5, right: 20, bottom: 5, left: 10 }}>
          <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" horizontal={false} />
          {/* Severity is a small fraction (share of messages × mean failure): two decimals, as
              the gaps table prints it, instead of recharts' 0.025 steps. */}
          <XAxis type="number" fontSize={12} tickFormatter={(value: number) => value.toFixed(2)} />
          <YAxis type="category" dataKey="name" width={200} fontSize={12} />
          <Tooltip
            formatter={(value, _name, item) => {
              const messages = Number((item.payload as { Messages?: number }).Messages ?? 0);
              return [
                `${Number(value).toFixed(2)} (${pluralize(messages, "message")})`,
                "Severity",
              ];
            }}
          />
          <Bar isAnimationActive={false} dataKey="Severity" fill="#dc2626" radius={[0, 3, 3, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
