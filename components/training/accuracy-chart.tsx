"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type ChartPoint = {
  version: number;
  top1: number | null;
  top3: number | null;
  macroF1: number | null;
  scenarios: number | null;
};

const asPct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** Held-out accuracy (and scenario top-1) across versions, oldest first. */
export function AccuracyChart({ points }: { points: ChartPoint[] }) {
  const data = [...points]
    .sort((a, b) => a.version - b.version)
    .map((p) => ({
      name: `v${p.version}`,
      "Top-1": asPct(p.top1),
      "Top-3": asPct(p.top3),
      "Macro-F1": asPct(p.macroF1),
      Scenarios: asPct(p.scenarios),
    }));
  return (
    <figure className="h-64 w-full px-2 py-4" aria-label="Accuracy across model versions">
      <ResponsiveContainer width="100%" height="100%">
        {/* Straight segments: versions are discrete, there is nothing between two of them. */}
        <LineChart data={data} margin={{ top: 5, right: 20, bottom: 5, left: 0 }}>
          {/* Lines drawn at once, as the insights charts are: redrawn on every load and refetch, an
              animation reads as data changing. */}
          <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
          <XAxis dataKey="name" fontSize={12} />
          <YAxis
            // Zoomed to the data: versions usually differ by a few points, not tens. The lower
            // bound is a multiple of 5 so the ticks land on round figures.
            domain={[(min: number) => Math.max(0, Math.floor((min - 5) / 5) * 5), 100]}
            tickCount={6}
            unit="%"
            fontSize={12}
            width={48}
          />
          <Tooltip formatter={(value) => `${value}%`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            isAnimationActive={false}
            type="linear"
            dataKey="Top-1"
            stroke="#4f46e5"
            strokeWidth={2}
            connectNulls
          />
          <Line
            isAnimationActive={false}
            type="linear"
            dataKey="Top-3"
            stroke="#0891b2"
            connectNulls
          />
          <Line
            isAnimationActive={false}
            type="linear"
            dataKey="Macro-F1"
            stroke="#a16207"
            connectNulls
          />
          <Line
            isAnimationActive={false}
            type="linear"
            dataKey="Scenarios"
            stroke="#16a34a"
            strokeDasharray="4 2"
            connectNulls
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
