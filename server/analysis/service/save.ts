/**
 * Writing a run's results: the run row, its gaps with their messages, its patterns and its
 * insights, all in the caller's ONE tenant transaction, so nobody ever sees half a run. Only a
 * run still "running" is finished: a retried job whose first attempt already saved writes
 * nothing twice.
 */
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import {
  analysisInsights,
  analysisPatterns,
  analysisRuns,
  gapMessages,
  knowledgeGaps,
} from "@/db/schema";
import type { ComputedGap, ComputedPattern, NamedConversationAnalysis } from "./compute";
import type { TrainingOverlap } from "./training-overlap";

export interface StoredInsight {
  kind: string;
  impact: number;
  /** Position in the run's ranking, 0 first (computeInsights orders by the unrounded impact). */
  rank: number;
  basis: Record<string, unknown>;
  text: string;
  narratedBy: "ai" | "computed";
}

export interface RunResults {
  messages: number;
  unconfident: number;
  period: { from: Date; to: Date } | null;
  modelVersion: number | null;
  /** Null when no model was deployed (training-overlap.ts). */
  trainingOverlap: TrainingOverlap | null;
  summary: NamedConversationAnalysis;
  gaps: ComputedGap[];
  patterns: ComputedPattern[];
  insights: StoredInsight[];
  seconds: number;
}

const CHUNK = 1_000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** True when the run was finished by this call; false when it was no longer running. */
export async function saveRunResults(
  tx: Tx,
  workspaceId: string,
  runId: string,
  results: RunResults,
): Promise<boolean> {
  const finished = await tx
    .update(analysisRuns)
    .set({
      status: "done",
      messages: results.messages,
      unconfident: results.unconfident,
      summary: results.summary as unknown as Record<string, unknown>,
      modelVersion: results.modelVersion,
      trainingOverlap: results.trainingOverlap,
      seconds: Math.round(results.seconds * 1000) / 1000,
      finishedAt: new Date(),
      ...(results.period ? { periodFrom: results.period.from, periodTo: results.period.to } : {}),
    })
    .where(and(eq(analysisRuns.id, runId), eq(analysisRuns.status, "running")))
    .returning({ id: analysisRuns.id });
  if (finished.length === 0) return false;
  await insertChunked(results.gaps, (chunk) =>
    tx.insert(knowledgeGaps).values(
      chunk.map((g) => ({
        id: g.id,
        workspaceId,
        runId,
        size: g.size,
        keyPhrases: g.keyPhrases,
        examples: g.examples,
        severity: g.severity,
        cohesion: g.cohesion,
        failureRate: g.failureRate,
        trend: g.trend as unknown as Record<string, unknown> | null,
        suggestedAction: g.suggestedAction,
      })),
    ),
  );
  const messages = results.gaps.flatMap((g) =>
    g.messages.map((m) => ({
      workspaceId,
      gapId: g.id,
      text: m.text,
      sourceRef: m.ref,
      reply: m.reply,
      similarity: m.similarity,
      at: m.at,
    })),
  );
  await insertChunked(messages, (chunk) => tx.insert(gapMessages).values(chunk));
  await insertChunked(results.patterns, (chunk) =>
    tx.insert(analysisPatterns).values(
      chunk.map((p) => ({
        id: p.id,
        workspaceId,
        runId,
        topic: p.topic,
        keyPhrases: p.keyPhrases,
        size: p.size,
        previous: p.trend?.previous ?? null,
        current: p.trend?.current ?? null,
        changeRatio: p.trend?.ratio ?? null,
        growing: p.trend?.direction === "growing" || p.trend?.direction === "new",
        series: p.series,
        answered: p.answered,
        examples: p.examples,
      })),
    ),
  );
  await insertChunked(results.insights, (chunk) =>
    tx.insert(analysisInsights).values(chunk.map((i) => ({ ...i, workspaceId, runId }))),
  );
  return true;
}

/** Marks a running run failed with its error (nothing else of it was written). */
export async function failRun(tx: Tx, runId: string, error: string) {
  await tx
    .update(analysisRuns)
    .set({ status: "failed", error: error.slice(0, 2_000), finishedAt: new Date() })
    .where(and(eq(analysisRuns.id, runId), eq(analysisRuns.status, "running")));
}
