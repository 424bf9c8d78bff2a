import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { readRows } from "@/db/migrate";
import type { DeployedStamp, ModelArtifact, ModelSource } from "./model-source";

/** The workspace the tenant transaction is scoped to (set by withTenant). */
async function currentWorkspace(tx: Tx): Promise<string | null> {
  const result = await tx.execute(
    sql`select nullif(current_setting('app.workspace_id', true), '') as id`,
  );
  return readRows<{ id: string | null }>(result)[0]?.id ?? null;
}

/**
 * Deployed models held in memory, per workspace: what the bench and tests serve before (or
 * instead of) the training pipeline's deployed row. Same interface, same cache and code path.
 */
export function memoryModelSource(): ModelSource & {
  deploy(workspaceId: string, artifact: ModelArtifact): DeployedStamp;
} {
  const deployed = new Map<string, { stamp: DeployedStamp; artifact: ModelArtifact }>();
  return {
    channel: null,
    deploy(workspaceId, artifact) {
      const stamp = { versionId: crypto.randomUUID(), version: artifact.version };
      deployed.set(workspaceId, { stamp, artifact });
      return stamp;
    },
    async stamp(tx) {
      const id = await currentWorkspace(tx);
      return (id && deployed.get(id)?.stamp) || null;
    },
    async load(tx, versionId) {
      const id = await currentWorkspace(tx);
      const entry = id ? deployed.get(id) : undefined;
      return entry && entry.stamp.versionId === versionId ? entry.artifact : null;
    },
  };
}
