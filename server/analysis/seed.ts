/**
 * The demo workspace's first conversation analysis (`npm run demo`): run in-process on the
 * demo's labelled dataset the first time the seed runs, after the demo model is deployed, so
 * Insights shows real results at once, as the training pages do with the seeded model.
 * Idempotent: a workspace with any analysis run is left alone.
 *
 * The seed calls no AI provider: the insights keep their computed sentences. A run started from
 * the Insights page narrates them with the workspace's provider as usual.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { DEMO_DATASET_NAME } from "@/db/demo/seed-dataset";
import { readRows } from "@/db/migrate";
import { analysisRuns, datasets } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { NO_AI_PROVIDERS } from "@/server/ai/registry";
import { SYSTEM_ACTOR } from "@/server/audit/actor";
import { recordAudit } from "@/server/audit/record";
import { log } from "@/server/logger";
import { insightStep } from "./service/insights-step";
import { executeAnalysis } from "./service/run";
import { failRun } from "./service/save";

export type SeededAnalysis =
  | { ran: false; reason: string }
  | {
      ran: true;
      runId: string;
      messages: number;
      gaps: number;
      patterns: number;
      insights: number;
      ms: number;
    };

export async function seedDemoAnalysis(db: Database, workspaceId: string): Promise<SeededAnalysis> {
  const started = performance.now();
  const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db, workspaceId, fn);
  const prepared = await inTenant(async (tx): Promise<{ skip: string } | { runId: string }> => {
    const [runs] = readRows<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from analysis_runs`),
    );
    if ((runs?.n ?? 0) > 0) return { skip: "the workspace already has an analysis" };
    const [dataset] = await tx
      .select({ id: datasets.id, status: datasets.status })
      .from(datasets)
      .where(eq(datasets.name, DEMO_DATASET_NAME))
      .limit(1);
    if (dataset?.status !== "ready") return { skip: "the demo dataset is not ready" };
    const runId = randomUUID();
    await tx.insert(analysisRuns).values({
      id: runId,
      workspaceId,
      source: "dataset",
      datasetId: dataset.id,
      status: "running",
    });
    // As analysis.start records a run started from the Insights page.
    await recordAudit(tx, workspaceId, SYSTEM_ACTOR, {
      action: "analysis.start",
      entityType: "analysis_run",
      entityId: runId,
      summary: { source: "dataset", datasetId: dataset.id, by: "seed" },
    });
    return { runId };
  });
  if ("skip" in prepared) return { ran: false, reason: prepared.skip };

  const { runId } = prepared;
  try {
    const result = await executeAnalysis({
      workspaceId,
      runId,
      inTenant,
      progress: async () => {},
      insights: insightStep({ registry: NO_AI_PROVIDERS, workspaceId, inTenant }),
    });
    if (!result) return { ran: false, reason: "the run had already finished" };
    const { messages, gaps, patterns, insights } = result;
    const ms = Math.round(performance.now() - started);
    return { ran: true, runId, messages, gaps, patterns, insights, ms };
  } catch (error) {
    // The demo still starts; the run shows as failed with its reason on the Insights page.
    const message = error instanceof Error ? error.message : String(error);
    log.error("demo analysis failed", { error: message });
    await inTenant((tx) => failRun(tx, runId, message));
    return { ran: false, reason: `the analysis failed: ${message}` };
  }
}
