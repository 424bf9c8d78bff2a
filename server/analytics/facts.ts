import { type SQL, sql } from "drizzle-orm";
import { addDays, aggregateEvents, laterDay, METRIC_COLUMNS, utcDay } from "./rollup";

/** A period of whole UTC days, both ends included ("YYYY-MM-DD"). */
export type DayRange = { from: string; to: string };

export type FactFilters = {
  templateId?: string;
  categoryId?: string;
  agentId?: string;
};

/**
 * The days read live from the events rather than from roll-ups: today and yesterday. The
 * scheduled roll-up recomputes both every ten minutes, so anything older is final in
 * analytics_daily, and a day that just ended is never read from a roll-up made before its end.
 */
export function liveFrom(now: Date = new Date()): string {
  return addDays(utcDay(now), -1);
}

/**
 * The period's daily facts (analytics_daily's columns): roll-ups for days before `liveFrom`,
 * the same aggregation over raw events for the live days, filtered by template, category and
 * agent. Runs in the caller's tenant transaction (RLS keeps it to the workspace).
 */
export function facts(range: DayRange, filters: FactFilters, now: Date = new Date()): SQL {
  const live = liveFrom(now);
  const where = (alias: string) => {
    const a = sql.raw(alias);
    const parts: SQL[] = [sql`true`];
    if (filters.templateId) parts.push(sql`${a}.template_id = ${filters.templateId}::uuid`);
    if (filters.categoryId) parts.push(sql`${a}.category_id = ${filters.categoryId}::uuid`);
    if (filters.agentId) parts.push(sql`${a}.agent_id = ${filters.agentId}`);
    return sql.join(parts, sql` and `);
  };
  const columns = sql.raw(METRIC_COLUMNS.join(", "));
  const rolledTo = range.to < live ? range.to : addDays(live, -1);
  const parts: SQL[] = [];
  if (range.from <= rolledTo) {
    parts.push(sql`select d.day, d.template_id, d.template_version, d.category_id, d.agent_id,
        ${columns}
      from analytics_daily d
      where d.day >= ${range.from}::date and d.day <= ${rolledTo}::date and ${where("d")}`);
  }
  if (range.to >= live) {
    const from = laterDay(range.from, live);
    parts.push(sql`select l.day, l.template_id, l.template_version, l.category_id, l.agent_id,
        ${columns}
      from (${aggregateEvents(from, addDays(range.to, 1))}) l
      where ${where("l")}`);
  }
  if (parts.length === 0) {
    return sql`select null::date as day, null::uuid as template_id, null::int as template_version,
      null::uuid as category_id, null::text as agent_id,
      ${sql.raw(METRIC_COLUMNS.map((c) => `0 as ${c}`).join(", "))} where false`;
  }
  return sql.join(parts, sql` union all `);
}

/** Sums of every metric over a group of facts `f`, as plain numbers in both drivers. */
export const METRIC_SUMS = sql.raw(
  [
    ...METRIC_COLUMNS.map((c) => `coalesce(sum(f.${c}), 0)::float8 as ${c}`),
    "coalesce(sum(f.sent) filter (where f.template_id is not null), 0)::float8 as uses",
  ].join(", "),
);

export type MetricSums = Record<(typeof METRIC_COLUMNS)[number] | "uses", number>;

export type Metrics = {
  uses: number;
  sent: number;
  shown: number;
  inserted: number;
  edited: number;
  conversations: number;
  resolved: number;
  reopened: number;
  csatCount: number;
  responseCount: number;
  acceptanceRate: number | null;
  editRate: number | null;
  resolutionRate: number | null;
  avgCsat: number | null;
  avgResponseMs: number | null;
  avgEditDistance: number | null;
};

const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

/**
 * Rates from sums. Acceptance: suggestions inserted per suggestion shown. Edit rate: sends
 * whose text was changed from the rendered template. Resolution rate: conversations resolved
 * (net of reopens) per conversation the template was used in, clamped to [0, 1].
 */
export function metricsOf(row: Partial<MetricSums> | undefined): Metrics {
  const n = (key: keyof MetricSums) => Number(row?.[key] ?? 0);
  const resolution = ratio(n("resolved") - n("reopened"), n("conversations"));
  return {
    uses: n("uses"),
    sent: n("sent"),
    shown: n("shown"),
    inserted: n("inserted"),
    edited: n("edited"),
    conversations: n("conversations"),
    resolved: n("resolved"),
    reopened: n("reopened"),
    csatCount: n("csat_count"),
    responseCount: n("response_count"),
    acceptanceRate: ratio(n("inserted"), n("shown")),
    editRate: ratio(n("edited"), n("sent")),
    resolutionRate: resolution === null ? null : Math.min(1, Math.max(0, resolution)),
    avgCsat: ratio(n("csat_sum"), n("csat_count")),
    avgResponseMs: ratio(n("response_ms_sum"), n("response_count")),
    avgEditDistance: ratio(n("edit_distance_sum"), n("sent")),
  };
}

/** Every day of the range, in order (for trend series with no gaps). */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Adds groups' sums into one (the totals of a period from its days or versions). */
export function sumRows(groups: readonly Partial<MetricSums>[]): Partial<MetricSums> {
  const total: Partial<MetricSums> = {};
  for (const group of groups) {
    for (const key of [...METRIC_COLUMNS, "uses"] as const) {
      total[key] = (total[key] ?? 0) + Number(group[key] ?? 0);
    }
  }
  return total;
}
