/**
 * The deployed model of a workspace: what the suggestion service's per-process cache reads
 * (`getDeployedModelStamp` on every check, `loadModelArtifact` when the stamp changed) and the
 * one place that changes it (`deployVersion`). Deploy and rollback are one transaction each:
 * the deployment row, an append-only history row, the audit row and the NOTIFY commit together,
 * so every app instance hears about a deployment only once it is visible. A missed
 * notification heals itself because readers compare against the stamp.
 *
 * Call these inside a tenant transaction (RLS scopes every statement to the workspace).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { modelDeploymentEvents, modelDeployments, modelVersions } from "@/db/schema";
import { actorLabel } from "@/server/audit/actor";
import { AppError, notFound } from "@/server/errors";
import type { TenantScope } from "@/server/workspaces/scope";

/** NOTIFY channel; the payload is the workspace id. */
export const MODEL_DEPLOYED_CHANNEL = "parley_model_deployed";

/** Which version is deployed in the transaction's workspace, or null when none is. */
export async function getDeployedModelStamp(
  tx: Tx,
): Promise<{ versionId: string; version: number } | null> {
  const [row] = await tx
    .select({ versionId: modelDeployments.versionId, version: modelVersions.version })
    .from(modelDeployments)
    .innerJoin(
      modelVersions,
      and(
        eq(modelVersions.workspaceId, modelDeployments.workspaceId),
        eq(modelVersions.id, modelDeployments.versionId),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** A version's artefact ("PRLYMDL1" bytes), threshold and labels (template ids, model order). */
export async function loadModelArtifact(
  tx: Tx,
  versionId: string,
): Promise<{ version: number; bytes: Uint8Array; threshold: number; labels: string[] } | null> {
  const [row] = await tx
    .select({
      version: modelVersions.version,
      bytes: modelVersions.artifact,
      threshold: modelVersions.threshold,
      labels: modelVersions.labels,
    })
    .from(modelVersions)
    .where(eq(modelVersions.id, versionId))
    .limit(1);
  if (!row) return null;
  // postgres.js returns a Buffer: a Uint8Array view without copying.
  const bytes = new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength);
  return { version: row.version, bytes, threshold: row.threshold, labels: row.labels };
}

export function scopeActorLabel(actor: TenantScope["actor"]): string {
  return actor.type === "system" ? "system" : actorLabel(actor);
}

export type DeployAction = "deploy" | "rollback";

/**
 * Makes `versionId` the workspace's deployed version (atomically, audited, with NOTIFY).
 * Deploying the version already deployed changes nothing and returns `changed: false`.
 */
export async function deployVersion(
  scope: Pick<TenantScope, "tx" | "workspace" | "actor" | "audit">,
  versionId: string,
  action: DeployAction = "deploy",
): Promise<{
  versionId: string;
  version: number;
  previousVersionId: string | null;
  changed: boolean;
}> {
  const { tx, workspace } = scope;
  // Serialise deployments of one workspace: two admins deploying at once end in a defined order.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('model_deploy'), hashtext(${workspace.id}))`,
  );
  const [target] = await tx
    .select({ id: modelVersions.id, version: modelVersions.version, status: modelVersions.status })
    .from(modelVersions)
    .where(and(eq(modelVersions.workspaceId, workspace.id), eq(modelVersions.id, versionId)));
  if (!target) throw notFound("Model version");
  if (target.status !== "ready") {
    throw new AppError("PRECONDITION_FAILED", "Only a ready model version can be deployed");
  }
  const current = await getDeployedModelStamp(tx);
  if (current?.versionId === versionId) {
    return { versionId, version: target.version, previousVersionId: versionId, changed: false };
  }
  const by = scopeActorLabel(scope.actor);
  const now = new Date();
  await tx
    .insert(modelDeployments)
    .values({ workspaceId: workspace.id, versionId, deployedAt: now, deployedBy: by })
    .onConflictDoUpdate({
      target: modelDeployments.workspaceId,
      set: { versionId, deployedAt: now, deployedBy: by },
    });
  await tx.insert(modelDeploymentEvents).values({
    workspaceId: workspace.id,
    action,
    versionId,
    previousVersionId: current?.versionId ?? null,
    actorLabel: by,
    createdAt: now,
  });
  await scope.audit({
    action: action === "deploy" ? "model.deploy" : "model.rollback",
    entityType: "model_version",
    entityId: versionId,
    summary: { version: target.version, previousVersion: current?.version ?? null },
  });
  await tx.execute(sql`select pg_notify(${MODEL_DEPLOYED_CHANNEL}, ${workspace.id})`);
  return {
    versionId,
    version: target.version,
    previousVersionId: current?.versionId ?? null,
    changed: true,
  };
}

/**
 * The version a rollback without an explicit target deploys: the one that was live before the
 * current version was last deployed (so repeated rollbacks walk back through the deploy
 * history). Null when nothing is deployed or the current version was the first one deployed.
 */
export async function rollbackTarget(
  tx: Tx,
): Promise<{ versionId: string; version: number } | null> {
  const current = await getDeployedModelStamp(tx);
  if (!current) return null;
  const [event] = await tx
    .select({ versionId: modelVersions.id, version: modelVersions.version })
    .from(modelDeploymentEvents)
    .leftJoin(modelVersions, eq(modelVersions.id, modelDeploymentEvents.previousVersionId))
    .where(
      and(
        eq(modelDeploymentEvents.versionId, current.versionId),
        eq(modelDeploymentEvents.action, "deploy"),
      ),
    )
    .orderBy(desc(modelDeploymentEvents.createdAt), desc(modelDeploymentEvents.id))
    .limit(1);
  // The latest deploy of the current version decides, even when it had nothing before it.
  return event?.versionId && event.version !== null
    ? { versionId: event.versionId, version: event.version }
    : null;
}

/** Rolls back to `versionId`, or by default to `rollbackTarget`. */
export async function rollbackDeployment(
  scope: Pick<TenantScope, "tx" | "workspace" | "actor" | "audit">,
  versionId?: string,
) {
  let target = versionId;
  if (!target) {
    if (!(await getDeployedModelStamp(scope.tx))) {
      throw new AppError("PRECONDITION_FAILED", "No model version is deployed");
    }
    const previous = await rollbackTarget(scope.tx);
    if (!previous) {
      throw new AppError("PRECONDITION_FAILED", "There is no earlier version to roll back to");
    }
    target = previous.versionId;
  }
  return deployVersion(scope, target, "rollback");
}
