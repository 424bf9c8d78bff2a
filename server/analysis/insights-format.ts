// Text and number helpers shared by the insight builders (insights.ts, insights-templates.ts).

import { formatCount } from "@/lib/format";

/** Impact kept within 0–100, unrounded: what insights are ranked by. */
export function exactImpact(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 0;
  return Math.min(100, value);
}

/** Impact rounded to 0.1 and kept within 0–100: what is shown and stored. */
export function roundImpact(value: number): number {
  return Math.round(exactImpact(value) * 10) / 10;
}

export const int = (n: number) => formatCount(Math.round(n));
export const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;
export const r1 = (n: number) => Math.round(n * 10) / 10;
export const r2 = (n: number) => Math.round(n * 100) / 100;
export const q = (name: string) => `“${name}”`;
export const times = (n: number) => (n === 1 ? "once" : `${int(n)} times`);
