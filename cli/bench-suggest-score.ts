import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { jobRuns } from "@/db/schema";
import { withTenant } from "@/db/tenant";

export interface ScoredRow {
  label: string;
  /** The label's template; null when the label has no template (not in the training file). */
  expected: string | null;
  ranked: string[];
  confident: boolean;
  ms: number;
  modelVersion: number | null;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Accuracy as the issue defines it: an in-scope row is right at rank k when its label's template
 * is among the first k suggestions; with an out-of-scope label, such a row is right only when
 * the answer is "no confident suggestion" (at every k).
 */
function accuracy(rows: readonly ScoredRow[], oosLabel: string | null) {
  let top1 = 0;
  let top3 = 0;
  let rr = 0;
  for (const row of rows) {
    if (oosLabel !== null && row.label === oosLabel) {
      if (!row.confident) {
        top1++;
        top3++;
        rr++;
      }
      continue;
    }
    const at = row.expected ? row.ranked.indexOf(row.expected) : -1;
    if (at === 0) top1++;
    if (at >= 0 && at < 3) top3++;
    if (at >= 0) rr += 1 / (at + 1);
  }
  const n = Math.max(1, rows.length);
  return { top1: top1 / n, top3: top3 / n, mrr: rr / n };
}

export function scoreRuns(
  baseline: readonly ScoredRow[],
  trained: readonly ScoredRow[],
  oosLabel: string | null,
) {
  const before = accuracy(baseline, oosLabel);
  const after = accuracy(trained, oosLabel);
  const sorted = trained.map((r) => r.ms).sort((a, b) => a - b);
  const out: Record<string, number> = {
    baseline_top1: round4(before.top1),
    top1: round4(after.top1),
    top3: round4(after.top3),
    mrr: round4(after.mrr),
    p50_ms: Math.round(percentile(sorted, 50) * 100) / 100,
    p95_ms: Math.round(percentile(sorted, 95) * 100) / 100,
    baseline_p95_ms:
      Math.round(
        percentile(
          baseline.map((r) => r.ms).sort((a, b) => a - b),
          95,
        ) * 100,
      ) / 100,
  };
  const oosRows = oosLabel === null ? [] : trained.filter((r) => r.label === oosLabel);
  if (oosLabel !== null && oosRows.length > 0) {
    const inScope = trained.filter((r) => r.label !== oosLabel);
    const declined = trained.filter((r) => !r.confident);
    const declinedOos = oosRows.filter((r) => !r.confident).length;
    out.in_scope_top1 = round4(
      inScope.filter((r) => r.expected !== null && r.ranked[0] === r.expected).length /
        Math.max(1, inScope.length),
    );
    out.oos_recall = round4(declinedOos / oosRows.length);
    out.oos_precision = round4(declinedOos / Math.max(1, declined.length));
  }
  return out;
}

/** Waits for the training job to finish; a failed or cancelled job fails the bench. */
export async function waitForJob(db: Database, workspaceId: string, jobId: string) {
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const [row] = await withTenant(db, workspaceId, (tx) =>
      tx.select().from(jobRuns).where(eq(jobRuns.id, jobId)),
    );
    if (row?.state === "completed") return row;
    if (row && ["failed", "cancelled"].includes(row.state))
      throw new Error(`training job ${row.state}: ${row.error ?? ""}`);
    if (Date.now() > deadline) throw new Error("training job did not finish in 30 minutes");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
