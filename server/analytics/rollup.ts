import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { readRows } from "@/db/migrate";

/**
 * Daily roll-ups of the append-only usage events (analytics_daily). Days are UTC dates
 * ("YYYY-MM-DD"). The same aggregation serves the roll-up job (past days) and the dashboards'
 * live read of the most recent days, so both count alike:
 *
 * - shown / inserted: suggestion_shown / suggestion_chosen events (acceptance = inserted/shown)
 * - sent: template uses, i.e. replies sent with it plus copies out of the library (`copied`,
 *   never counted as edited: nothing is known of what happened to the text after the copy);
 *   edited (a sent reply whose text moved from the rendered template), edit distance sum
 * - conversations: sends that were the template's first use in a conversation
 * - resolved / reopened: outcome events (resolution rate = (resolved − reopened)/conversations)
 * - CSAT sum and count (given on resolve), first-response time sum and count
 */
export const METRIC_COLUMNS = [
  "shown",
  "inserted",
  "sent",
  "edited",
  "edit_distance_sum",
  "conversations",
  "resolved",
  "reopened",
  "csat_sum",
  "csat_count",
  "response_ms_sum",
  "response_count",
] as const;

/** One row per (day, template, version, category, agent) over events in [from, to) (UTC days). */
export function aggregateEvents(fromDay: string, toDayExclusive: string): SQL {
  return sql`select
      (e.created_at at time zone 'UTC')::date as day,
      e.template_id, e.template_version, e.category_id, e.actor_id as agent_id,
      count(*) filter (where e.kind = 'suggestion_shown')::int as shown,
      count(*) filter (where e.kind = 'suggestion_chosen')::int as inserted,
      count(*) filter (where e.kind in ('sent', 'copied'))::int as sent,
      count(*) filter (where e.kind = 'sent' and e.edit_distance > 0)::int as edited,
      coalesce(sum(e.edit_distance) filter (where e.kind = 'sent'), 0)::bigint as edit_distance_sum,
      count(*) filter (where e.kind = 'sent' and e.first_use)::int as conversations,
      count(*) filter (where e.kind = 'resolved' and e.outcome = 'resolved')::int as resolved,
      count(*) filter (where e.kind = 'resolved' and e.outcome = 'reopened')::int as reopened,
      coalesce(sum(e.csat) filter (where e.kind = 'resolved' and e.outcome = 'resolved'), 0)::int
        as csat_sum,
      count(e.csat) filter (where e.kind = 'resolved' and e.outcome = 'resolved')::int as csat_count,
      coalesce(sum(e.response_ms) filter (where e.kind = 'first_response'), 0)::bigint
        as response_ms_sum,
      count(*) filter (where e.kind = 'first_response')::int as response_count
    from template_usage_events e
    where e.created_at >= ${fromDay}::date::timestamp at time zone 'UTC'
      and e.created_at < ${toDayExclusive}::date::timestamp at time zone 'UTC'
    group by 1, 2, 3, 4, 5`;
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The earlier / later of two "YYYY-MM-DD" days (they sort as strings). */
export const earlierDay = (a: string, b: string): string => [a, b].sort()[0] ?? a;
export const laterDay = (a: string, b: string): string => [a, b].sort()[1] ?? a;

export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

/**
 * Recomputes the transaction's workspace's roll-ups for days [fromDay, toDay], whole: deletes
 * the range and inserts it again from the events, in the caller's one transaction, so a rerun
 * (a retried job, two overlapping runs) leaves the same rows. Returns the rows written.
 */
export async function recomputeDays(
  tx: Tx,
  workspaceId: string,
  fromDay: string,
  toDay: string,
): Promise<number> {
  await tx.execute(
    sql`delete from analytics_daily where day >= ${fromDay}::date and day <= ${toDay}::date`,
  );
  const columns = sql.raw(METRIC_COLUMNS.join(", "));
  const inserted = readRows<{ day: string }>(
    await tx.execute(sql`
      insert into analytics_daily
        (workspace_id, day, template_id, template_version, category_id, agent_id, ${columns})
      select ${workspaceId}::uuid, a.day, a.template_id, a.template_version, a.category_id,
        a.agent_id, ${columns}
      from (${aggregateEvents(fromDay, addDays(toDay, 1))}) a
      returning day`),
  );
  await refreshTemplateUsage(tx, fromDay, toDay);
  return inserted.length;
}

/**
 * Templates' usage counts (the library's "Used N times" and its most-used sort, search's
 * tie-break) from the roll-ups: for each template with roll-up rows in [fromDay, toDay], its
 * uses summed over every day, and its last use from the events. One set-based update per
 * roll-up run, instead of a counter bumped on the template's row at every use (a hot row
 * under load). Only rows whose figures changed are written. Runs in the roll-up's transaction.
 */
export async function refreshTemplateUsage(tx: Tx, fromDay: string, toDay: string) {
  await tx.execute(sql`
    with touched as (
      select distinct d.template_id from analytics_daily d
      where d.day >= ${fromDay}::date and d.day <= ${toDay}::date and d.template_id is not null
    ), totals as (
      select d.template_id, sum(d.sent)::int as uses from analytics_daily d
      where d.template_id in (select template_id from touched)
      group by d.template_id
    ), last_use as (
      select e.template_id, max(e.created_at) as at from template_usage_events e
      where e.kind in ('sent', 'copied') and e.template_id in (select template_id from touched)
        and e.created_at >= ${fromDay}::date::timestamp at time zone 'UTC'
      group by e.template_id
    )
    update templates t
    set usage_count = totals.uses,
      last_used_at = greatest(t.last_used_at, last_use.at)
    from totals left join last_use on last_use.template_id = totals.template_id
    where t.id = totals.template_id
      and (t.usage_count is distinct from totals.uses
        or t.last_used_at is distinct from greatest(t.last_used_at, last_use.at))`);
}

/**
 * The days a scheduled run recomputes: from the day before the last roll-up (so a gap while no
 * worker ran is filled) or the first event's day when nothing was rolled up yet, through today.
 * Null when there is nothing to do: no events, or none since the last roll-up (with five
 * minutes of slack for transactions that committed after it started).
 */
export async function pendingRollupRange(
  tx: Tx,
  now: Date = new Date(),
): Promise<{ from: string; to: string } | null> {
  const [row] = readRows<{ last: string | null; first_event: string | null; newer: boolean }>(
    await tx.execute(sql`
      with last as (select max(computed_at) as at from analytics_daily)
      select (select at from last) as last,
        (select min(created_at) from template_usage_events) as first_event,
        exists (select 1 from template_usage_events e
          where e.created_at > coalesce((select at from last), '-infinity'::timestamptz)
            - interval '5 minutes') as newer`),
  );
  if (!row?.newer || !row.first_event) return null;
  const to = utcDay(now);
  const from = row.last
    ? addDays(utcDay(new Date(row.last)), -1)
    : utcDay(new Date(row.first_event));
  return { from: earlierDay(from, to), to };
}
