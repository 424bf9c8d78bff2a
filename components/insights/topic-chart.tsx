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
import type { PatternView } from "./types";

export const TOPIC_COLOURS = ["#4f46e5", "#dc2626", "#0891b2", "#16a34a", "#d97706", "#9333ea"];

/** Messages per time bucket for each chosen topic, one line each (buckets of the analysed period). */
export function TopicChart({ patterns, label }: { patterns: PatternView[]; label: string }) {
  const buckets = patterns[0]?.series ?? [];
  const data = buckets.map((bucket, i) => {
    const row: Record<string, string | number> = { name: bucket.at.slice(0, 10) };
    // Keys by position: a topic's words (dots, brackets, duplicates) must not act as a path.
    patterns.forEach((p, k) => {
      row[`t${k}`] = p.series[i]?.count ?? 0;
    });
    return row;
  });
  return (
    <figure className="h-72 w-full px-2 py-4" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 5, right: 16, bottom: 5, left: 0 }}>
          <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
          <XAxis dataKey="name" fontSize={12} minTickGap={16} />
          <YAxis allowDecimals={false} fontSize={12} width={40} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {patterns.map((p, i) => (
            <Line
              key={p.id}
              type="monotone"
              dataKey={`t${i}`}
              name={p.topic}
              isAnimationActive={false}
              stroke={TOPIC_COLOURS[i % TOPIC_COLOURS.length]}
              strokeWidth={2}
              dot={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
