import type { JobHandler } from "@/server/jobs/define-job";
import type { AnalyticsRollupPayload } from "@/server/jobs/definitions/analytics-rollup";
import { addDays, earlierDay, pendingRollupRange, recomputeDays } from "./rollup";

/** At most this many days per transaction, so a long backfill holds no lock for long. */
const DAYS_PER_STEP = 31;

/**
 * Recomputes the payload's days, or the pending range, a month per short tenant transaction:
 * each recompute replaces its days whole, so a retry after a crash simply writes them again.
 */
export const runAnalyticsRollupJob: JobHandler<AnalyticsRollupPayload> = async (
  context,
  payload,
) => {
  const range =
    payload.from && payload.to
      ? { from: payload.from, to: payload.to }
      : await context.run((scope) => pendingRollupRange(scope.tx));
  if (!range) {
    await context.progress(100, "Nothing new to roll up");
    return { days: 0, rows: 0 };
  }
  const total = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1;
  let rows = 0;
  let days = 0;
  for (let from = range.from; from <= range.to; from = addDays(from, DAYS_PER_STEP)) {
    const last = addDays(from, DAYS_PER_STEP - 1);
    const to = earlierDay(last, range.to);
    rows += await context.run((scope) => recomputeDays(scope.tx, payload.workspaceId, from, to));
    days += Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
    await context.progress(
      Math.min(99, Math.round((days / total) * 100)),
      `Rolled up ${days} days`,
    );
  }
  await context.progress(100, `Rolled up ${days} day${days === 1 ? "" : "s"} (${rows} rows)`);
  return { days, rows };
};
