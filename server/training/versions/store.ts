/**
 * Model versions: written once per training job (idempotently, keyed by the job id), read by
 * the UI, the CLI and the scenario runner. The artefact bytes are only read where a model must
 * be loaded (deployed.ts `loadModelArtifact`); lists never select them.
 */
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { modelDeploymentEvents, modelDeployments, modelVersions } from "@/db/schema";
import { notFound } from "@/server/errors";
import type { VersionMetrics } from "./metrics";

export interface NewModelVersion {
  jobId: string | null;
  config: unknown;
  labels: string[];
  metrics: VersionMetrics;
  threshold: number;
  artifact: Uint8Array;
  exampleCount: number;
  /** packTextHashes of the texts trained on (training-hashes.ts); null: not recorded. */
  trainingTextHashes?: Uint8Array | null;
  createdBy: string | null;
  createdByLabel: string;
}

/**
 * Inserts the version a job produced, numbered next in the workspace. A second call for the same
 * job (a retry after the first call committed) returns the existing row instead of a duplicate.
 */
export async function createModelVersion(
  tx: Tx,
  workspaceId: string,
  input: NewModelVersion,
): Promise<{ id: string; version: number; created: boolean }> {
  if (input.jobId) {
    const [existing] = await tx
      .select({ id: modelVersions.id, version: modelVersions.version })
      .from(modelVersions)
      .where(eq(modelVersions.jobId, input.jobId));
    if (existing) return { ...existing, created: false };
  }
  // Numbering under a per-workspace lock: two jobs finishing together get 3 and 4, not 3 twice.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('model_version'), hashtext(${workspaceId}))`,
  );
  const [next] = await tx
    .select({ n: sql<number>`coalesce(max(${modelVersions.version}), 0)::int + 1` })
    .from(modelVersions);
  const [row] = await tx
    .insert(modelVersions)
    .values({
      workspaceId,
      version: next?.n ?? 1,
      status: "ready",
      jobId: input.jobId,
      config: input.config ?? {},
      labels: input.labels,
      metrics: input.metrics,
      threshold: input.threshold,
      artifact: input.artifact,
      sizeBytes: input.artifact.byteLength,
      exampleCount: input.exampleCount,
      trainingTextHashes: input.trainingTextHashes ?? null,
      createdBy: input.createdBy,
      createdByLabel: input.createdByLabel,
    })
    .returning({ id: modelVersions.id, version: modelVersions.version });
  if (!row) throw new Error("model version insert returned nothing");
  return { ...row, created: true };
}

const summaryColumns = {
  id: modelVersions.id,
  version: modelVersions.version,
  status: modelVersions.status,
  jobId: modelVersions.jobId,
  threshold: modelVersions.threshold,
  sizeBytes: modelVersions.sizeBytes,
  exampleCount: modelVersions.exampleCount,
  createdByLabel: modelVersions.createdByLabel,
  createdAt: modelVersions.createdAt,
  metrics: modelVersions.metrics,
};

/**
 * One page of versions, newest first, with their headline metrics (the per-label tables stay
 * out). Keyset on the version number, which is unique per workspace and never reused: `before`
 * asks for the versions older than that number, and `nextCursor` (null on the last page) is
 * what the next page passes. `total` and `deployed` describe the whole workspace, so a page
 * that does not hold the deployed version still says which one is live.
 */
export async function listModelVersions(
  tx: Tx,
  { limit = 100, before }: { limit?: number; before?: number | null } = {},
) {
  const [deployed] = await tx
    .select({ id: modelVersions.id, version: modelVersions.version })
    .from(modelDeployments)
    .innerJoin(modelVersions, eq(modelVersions.id, modelDeployments.versionId));
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(modelVersions);
  const rows = await tx
    .select(summaryColumns)
    .from(modelVersions)
    .where(before == null ? undefined : lt(modelVersions.version, before))
    .orderBy(desc(modelVersions.version))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    versions: page.map(({ metrics, ...row }) => {
      const m = metrics as VersionMetrics;
      return { ...row, deployed: row.id === deployed?.id, headline: m.headline ?? null };
    }),
    nextCursor: rows.length > limit && last ? last.version : null,
    total: count?.n ?? 0,
    deployed: deployed ?? null,
  };
}

/** One version with its full metrics and config. */
export async function getModelVersion(tx: Tx, id: string) {
  const [row] = await tx
    .select({ ...summaryColumns, config: modelVersions.config, labels: modelVersions.labels })
    .from(modelVersions)
    .where(eq(modelVersions.id, id));
  if (!row) throw notFound("Model version");
  const deployed = await tx.select({ id: modelDeployments.versionId }).from(modelDeployments);
  return { ...row, metrics: row.metrics as VersionMetrics, deployed: deployed[0]?.id === id };
}

/** A version by its number in the workspace (CLI `--version <n>`). */
export async function findVersionByNumber(tx: Tx, workspaceId: string, version: number) {
  const [row] = await tx
    .select({ id: modelVersions.id })
    .from(modelVersions)
    .where(and(eq(modelVersions.workspaceId, workspaceId), eq(modelVersions.version, version)));
  if (!row) throw notFound(`Model version ${version}`);
  return row.id;
}

/** Deploys and rollbacks, newest first. */
export async function listDeploymentHistory(tx: Tx, limit = 50) {
  return tx
    .select({
      id: modelDeploymentEvents.id,
      action: modelDeploymentEvents.action,
      versionId: modelDeploymentEvents.versionId,
      version: modelVersions.version,
      previousVersionId: modelDeploymentEvents.previousVersionId,
      actorLabel: modelDeploymentEvents.actorLabel,
      createdAt: modelDeploymentEvents.createdAt,
    })
    .from(modelDeploymentEvents)
    .innerJoin(
      modelVersions,
      and(
        eq(modelVersions.workspaceId, modelDeploymentEvents.workspaceId),
        eq(modelVersions.id, modelDeploymentEvents.versionId),
      ),
    )
    .orderBy(desc(modelDeploymentEvents.createdAt), desc(modelDeploymentEvents.id))
    .limit(limit);
}
