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

export type TrendPoint = {
  day: string;
  uses: number;
  acceptanceRate: number | null;
  resolutionRate: number | null;
};

const asPct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/**
 * Daily template uses (left axis) and acceptance / resolution rates (right axis, %). Rates
 * exist only on days with uses, so they are drawn with dots: a single such day is a dot, where
 * a bare line would draw nothing. Straight segments: a curve would invent values between days.
 */
export function TrendChart({ points, label }: { points: TrendPoint[]; label: string }) {
  const data = points.map((p) => ({
    name: p.day.slice(5),
    Uses: p.uses,
    "Acceptance %": asPct(p.acceptanceRate),
    "Resolution %": asPct(p.resolutionRate),
  }));
  return (
    <figure className="h-64 w-full px-2 py-4" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
          {/* Lines drawn at once, as the insights charts are: redrawn on every load and refetch, an
              animation reads as data changing. */}
          <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
          <XAxis dataKey="name" fontSize={12} minTickGap={16} />
          <YAxis yAxisId="uses" allowDecimals={false} fontSize={12} width={40} />
          <YAxis
            yAxisId="pct"
            orientation="right"
            domain={[0, 100]}
            unit="%"
            fontSize={12}
            width={48}
          />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            isAnimationActive={false}
            yAxisId="uses"
            type="linear"
            dataKey="Uses"
            stroke="#4f46e5"
            strokeWidth={2}
            dot={false}
          />
          <Line
            isAnimationActive={false}
            yAxisId="pct"
            type="linear"
            dataKey="Acceptance %"
            stroke="#0891b2"
            dot={{ r: 3 }}
            connectNulls
          />
          <Line
            isAnimationActive={false}
            yAxisId="pct"
            type="linear"
            dataKey="Resolution %"
            stroke="#16a34a"
            dot={{ r: 3 }}
            connectNulls
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
