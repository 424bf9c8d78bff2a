/**
 * Reading analysis results: runs with their counts, a run's summary, gaps (with their messages,
 * paged), patterns and insights. Call inside a tenant transaction: RLS scopes every statement,
 * so another workspace's ids find nothing (NOT_FOUND).
 */
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import {
  analysisInsights,
  analysisPatterns,
  analysisRuns,
  datasets,
  gapMessages,
  jobRuns,
  knowledgeGaps,
} from "@/db/schema";
import { notFound } from "@/server/errors";
import { conversationAnalysisJob } from "@/server/jobs/definitions/conversation-analysis";
import type { Trend } from "../trend";
import type { NamedConversationAnalysis } from "./compute";
import { templateNames } from "./sources";

/**
 * A "running" run whose job can no longer finish it reads as failed (its row is left as is: a
 * retry of the job may still pick it up, and then it reads as running again). The job can no
 * longer finish it when the job ended (failed, cancelled, or completed without saving it), when
 * it is "active" but silent for longer than its timeout (the process running it died: a live
 * one would have timed it out and said so), or, for a run without a job row (older runs, or a
 * purged job), when every attempt would have timed out by now.
 */
const { timeoutSeconds, retryLimit, retryDelaySeconds } = conversationAnalysisJob;
export const SILENT_JOB_SECONDS = timeoutSeconds + 120;
const LIFETIME_SECONDS =
  (retryLimit + 1) * SILENT_JOB_SECONDS + retryDelaySeconds * 2 ** (retryLimit + 1);
const stale = sql<boolean>`(${analysisRuns.status} = 'running' and (
  ${jobRuns.state} in ('failed', 'cancelled', 'completed')
  or (${jobRuns.state} = 'active'
    and ${jobRuns.updatedAt} < now() - make_interval(secs => ${SILENT_JOB_SECONDS}))
  or (${jobRuns.id} is null
    and ${analysisRuns.createdAt} < now() - make_interval(secs => ${LIFETIME_SECONDS}))))`;

export const STALE_RUN_ERROR =
  "The analysis job stopped without finishing (its worker stopped or it timed out)";

const runColumns = {
  id: analysisRuns.id,
  source: analysisRuns.source,
  datasetId: analysisRuns.datasetId,
  datasetName: datasets.name,
  periodFrom: analysisRuns.periodFrom,
  periodTo: analysisRuns.periodTo,
  status: sql<string>`case when ${stale} then 'failed' else ${analysisRuns.status} end`,
  jobId: analysisRuns.jobId,
  /** The job's progress (0–100) while the run is running; null otherwise. */
  progress: sql<
    number | null
  >`case when ${analysisRuns.status} = 'running' and not ${stale} then ${jobRuns.progress} end`,
  messages: analysisRuns.messages,
  unconfident: analysisRuns.unconfident,
  modelVersion: analysisRuns.modelVersion,
  trainingOverlap: analysisRuns.trainingOverlap,
  seconds: analysisRuns.seconds,
  error: sql<string | null>`case when ${stale} then coalesce(${jobRuns.error},
    case when ${jobRuns.state} = 'cancelled' then 'The analysis was cancelled' end,
    ${STALE_RUN_ERROR}) else ${analysisRuns.error} end`,
  createdAt: analysisRuns.createdAt,
  finishedAt: analysisRuns.finishedAt,
  gaps: sql<number>`(select count(*) from knowledge_gaps g
    where g.workspace_id = ${analysisRuns.workspaceId} and g.run_id = ${analysisRuns.id})::int`,
  openGaps: sql<number>`(select count(*) from knowledge_gaps g
    where g.workspace_id = ${analysisRuns.workspaceId} and g.run_id = ${analysisRuns.id}
      and g.status = 'open')::int`,
  patterns: sql<number>`(select count(*) from analysis_patterns p
    where p.workspace_id = ${analysisRuns.workspaceId} and p.run_id = ${analysisRuns.id})::int`,
  insights: sql<number>`(select count(*) from analysis_insights i
    where i.workspace_id = ${analysisRuns.workspaceId} and i.run_id = ${analysisRuns.id})::int`,
};

const runQuery = (tx: Tx) =>
  tx
    .select(runColumns)
    .from(analysisRuns)
    .leftJoin(
      datasets,
      and(
        eq(datasets.workspaceId, analysisRuns.workspaceId),
        eq(datasets.id, analysisRuns.datasetId),
      ),
    )
    .leftJoin(
      jobRuns,
      and(eq(jobRuns.workspaceId, analysisRuns.workspaceId), eq(jobRuns.id, analysisRuns.jobId)),
    );

type RunRow = Awaited<ReturnType<typeof runQuery>>[number];

function shapeRun(row: RunRow) {
  const { gaps, openGaps, patterns, insights, ...run } = row;
  return {
    ...run,
    source: run.source as "dataset" | "inbox",
    status: run.status as "running" | "done" | "failed",
    counts: { gaps, openGaps, patterns, insights },
  };
}

export async function listRuns(tx: Tx, limit: number) {
  const rows = await runQuery(tx).orderBy(desc(analysisRuns.createdAt)).limit(limit);
  return rows.map(shapeRun);
}

export async function getRun(tx: Tx, runId: string) {
  const [row] = await runQuery(tx).where(eq(analysisRuns.id, runId));
  if (!row) throw notFound("Analysis run");
  const [summary] = await tx
    .select({ summary: analysisRuns.summary })
    .from(analysisRuns)
    .where(eq(analysisRuns.id, runId));
  return {
    ...shapeRun(row),
    summary: (summary?.summary ?? null) as NamedConversationAnalysis | null,
  };
}

/** The given run (NOT_FOUND when it is not this workspace's), or the latest finished one. */
export async function resolveRunId(tx: Tx, runId?: string): Promise<string | null> {
  if (runId) {
    const [row] = await tx
      .select({ id: analysisRuns.id })
      .from(analysisRuns)
      .where(eq(analysisRuns.id, runId));
    if (!row) throw notFound("Analysis run");
    return row.id;
  }
  const [latest] = await tx
    .select({ id: analysisRuns.id })
    .from(analysisRuns)
    .where(eq(analysisRuns.status, "done"))
    .orderBy(desc(analysisRuns.finishedAt), desc(analysisRuns.createdAt))
    .limit(1);
  return latest?.id ?? null;
}

type GapRow = typeof knowledgeGaps.$inferSelect;

function shapeGap(row: GapRow, names: ReadonlyMap<string, string>) {
  const action = row.suggestedAction;
  return {
    id: row.id,
    runId: row.runId,
    size: row.size,
    keyPhrases: row.keyPhrases,
    examples: row.examples,
    severity: row.severity,
    cohesion: row.cohesion,
    failureRate: row.failureRate,
    trend: (row.trend ?? null) as Trend | null,
    suggestedAction:
      action.kind === "add_examples" && action.label
        ? {
            kind: "add_examples" as const,
            label: action.label,
            labelName: names.get(action.label) ?? null,
          }
        : { kind: "create_template" as const },
    status: row.status as "open" | "resolved" | "dismissed",
    resolvedTemplateId: row.resolvedTemplateId,
    decidedAt: row.decidedAt,
    createdAt: row.createdAt,
  };
}

const actionLabels = (rows: GapRow[]) =>
  rows.flatMap((r) => (r.suggestedAction.label ? [r.suggestedAction.label] : []));

/**
 * One page of a run's gaps, most severe first (ties by id, so pages never overlap), with the
 * total under the same filter: a 100k-message run makes ≈ 190 gaps, a larger one more than a
 * page holds.
 */
export async function listGaps(
  tx: Tx,
  input: {
    status?: "open" | "resolved" | "dismissed";
    runId?: string;
    offset?: number;
    limit: number;
  },
) {
  const runId = await resolveRunId(tx, input.runId);
  if (!runId) return { runId: null, gaps: [], total: 0, nextOffset: null };
  const offset = input.offset ?? 0;
  const filter = and(
    eq(knowledgeGaps.runId, runId),
    input.status ? eq(knowledgeGaps.status, input.status) : undefined,
  );
  const [counted] = await tx.select({ n: count() }).from(knowledgeGaps).where(filter);
  const rows = await tx
    .select()
    .from(knowledgeGaps)
    .where(filter)
    .orderBy(desc(knowledgeGaps.severity), asc(knowledgeGaps.id))
    .offset(offset)
    .limit(input.limit);
  const total = counted?.n ?? 0;
  const names = await templateNames(tx, actionLabels(rows));
  return {
    runId,
    gaps: rows.map((r) => shapeGap(r, names)),
    total,
    nextOffset: offset + rows.length < total ? offset + rows.length : null,
  };
}

export async function findGap(tx: Tx, gapId: string) {
  const [row] = await tx.select().from(knowledgeGaps).where(eq(knowledgeGaps.id, gapId));
  if (!row) throw notFound("Knowledge gap");
  return row;
}

export async function getGap(tx: Tx, input: { gapId: string; offset: number; limit: number }) {
  const row = await findGap(tx, input.gapId);
  const names = await templateNames(tx, actionLabels([row]));
  const [total] = await tx
    .select({ n: count() })
    .from(gapMessages)
    .where(eq(gapMessages.gapId, row.id));
  const items = await tx
    .select({
      id: gapMessages.id,
      text: gapMessages.text,
      sourceRef: gapMessages.sourceRef,
      reply: gapMessages.reply,
      similarity: gapMessages.similarity,
      at: gapMessages.at,
    })
    .from(gapMessages)
    .where(eq(gapMessages.gapId, row.id))
    .orderBy(desc(gapMessages.similarity), asc(gapMessages.id))
    .offset(input.offset)
    .limit(input.limit);
  const n = total?.n ?? 0;
  const next = input.offset + items.length;
  return {
    ...shapeGap(row, names),
    messages: { items, total: n, nextOffset: next < n ? next : null },
  };
}

export async function listPatterns(tx: Tx, input: { runId?: string }) {
  const runId = await resolveRunId(tx, input.runId);
  if (!runId) return { runId: null, patterns: [] };
  const patterns = await tx
    .select({
      id: analysisPatterns.id,
      runId: analysisPatterns.runId,
      topic: analysisPatterns.topic,
      keyPhrases: analysisPatterns.keyPhrases,
      size: analysisPatterns.size,
      previous: analysisPatterns.previous,
      current: analysisPatterns.current,
      changeRatio: analysisPatterns.changeRatio,
      growing: analysisPatterns.growing,
      series: analysisPatterns.series,
      answered: analysisPatterns.answered,
      examples: analysisPatterns.examples,
    })
    .from(analysisPatterns)
    .where(eq(analysisPatterns.runId, runId))
    .orderBy(desc(analysisPatterns.size), asc(analysisPatterns.id));
  return { runId, patterns };
}

export async function listInsights(tx: Tx, input: { runId?: string }) {
  const runId = await resolveRunId(tx, input.runId);
  if (!runId) return { runId: null, insights: [] };
  const rows = await tx
    .select({
      id: analysisInsights.id,
      runId: analysisInsights.runId,
      kind: analysisInsights.kind,
      impact: analysisInsights.impact,
      basis: analysisInsights.basis,
      text: analysisInsights.text,
      narratedBy: analysisInsights.narratedBy,
    })
    .from(analysisInsights)
    .where(eq(analysisInsights.runId, runId))
    .orderBy(
      sql`${analysisInsights.rank} asc nulls last`,
      desc(analysisInsights.impact),
      asc(analysisInsights.id),
    );
  // The status of the gap an insight is about (basis.gap), so a gap already acted on says so.
  const gapIds = [...new Set(rows.map((r) => gapIdOf(r.basis)).filter((id) => id !== null))];
  const statuses = new Map(
    gapIds.length === 0
      ? []
      : (
          await tx
            .select({ id: knowledgeGaps.id, status: knowledgeGaps.status })
            .from(knowledgeGaps)
            .where(inArray(knowledgeGaps.id, gapIds))
        ).map((g) => [g.id, g.status]),
  );
  return {
    runId,
    insights: rows.map((r) => {
      const gapId = gapIdOf(r.basis);
      return { ...r, gapId, gapStatus: (gapId && statuses.get(gapId)) || null };
    }),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const gapIdOf = (basis: unknown): string | null => {
  const gap = (basis as { gap?: unknown } | null)?.gap;
  return typeof gap === "string" && UUID.test(gap) ? gap : null;
};
