/**
 * The nightly analysis: every workspace with customer messages newer than its last inbox
 * analysis gets a run over the last DEFAULT_INBOX_DAYS days of its inbox (the worker's
 * scheduler calls this once a night, server/jobs/scheduler.ts).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db";
import { readRows } from "@/db/migrate";
import { analysisRuns, workspaces } from "@/db/schema";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { DEFAULT_INBOX_DAYS, enqueueAnalysis } from "./run";

/** True when a customer message arrived after the workspace's last inbox analysis was started. */
export async function hasNewInboxMessages(tx: Tx, now: Date): Promise<boolean> {
  const [last] = await tx
    .select({ createdAt: analysisRuns.createdAt })
    .from(analysisRuns)
    .where(and(eq(analysisRuns.source, "inbox")))
    .orderBy(desc(analysisRuns.createdAt))
    .limit(1);
  // Never analysed: anything in the default period counts.
  const since = last?.createdAt ?? new Date(now.getTime() - 7 * 86_400_000);
  const [row] = readRows<{ found: boolean }>(
    await tx.execute(sql`select exists (select 1 from conversation_messages
      where role = 'customer' and created_at > ${since.toISOString()}::timestamptz
        and created_at <= ${now.toISOString()}::timestamptz) as found`),
  );
  return row?.found === true;
}

/** Enqueues a nightly inbox analysis per workspace with new messages; returns how many. */
export async function enqueueNightlyAnalyses(db: Database, now: Date = new Date()) {
  // Which tenants exist is the operator's read, not a tenant question (as the trash purge).
  const all = await db.select({ id: workspaces.id }).from(workspaces);
  let enqueued = 0;
  for (const { id: workspaceId } of all) {
    const access = await systemAccess(db, workspaceId);
    const started = await runInWorkspace(db, access, async (scope) => {
      if (!(await hasNewInboxMessages(scope.tx, now))) return null;
      return enqueueAnalysis(scope, { source: "inbox" }, now);
    });
    if (started) enqueued++;
  }
  return enqueued;
}

/**
 * The training job's last step when it deploys (issue #15: analysis is a step of training, a
 * nightly job and on demand): the new model's first analysis, over the inbox's default period,
 * when customer messages arrived in it. Runs in the job's ledger transaction, so a retried job
 * never enqueues twice; null when there are no messages or a run is already queued or running.
 */
export async function enqueueAnalysisAfterDeploy(
  scope: Parameters<typeof enqueueAnalysis>[0],
  now: Date = new Date(),
) {
  const since = new Date(now.getTime() - DEFAULT_INBOX_DAYS * 86_400_000);
  const [row] = readRows<{ found: boolean }>(
    await scope.tx.execute(sql`select exists (select 1 from conversation_messages
      where role = 'customer' and created_at > ${since.toISOString()}::timestamptz) as found`),
  );
  if (row?.found !== true) return null;
  return enqueueAnalysis(scope, { source: "inbox" }, now);
}
