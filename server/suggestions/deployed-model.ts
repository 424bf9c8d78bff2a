import { getDatabase } from "@/db";
import type { Tx } from "@/db/client";
import { readInTenant } from "@/db/tenant-read";
import { intentLabels } from "./intent-names";
import type { LoadedModel } from "./model-cache";
import type { DeployedStamp } from "./model-source";
import type { Serving } from "./serving";
import { readWorkspaceInputs, type WorkspaceInputs } from "./workspace-inputs";

/** A tenant read transaction of one workspace (RLS-scoped). */
export type TenantRead = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/** The workspace's kept inputs (catalog, deployed stamp, switches, choices), read if stale. */
export function workspaceInputs(
  state: Serving,
  workspaceId: string,
  read: TenantRead,
): Promise<WorkspaceInputs> {
  return state.inputs.get(workspaceId, (previous) =>
    read((tx) => readWorkspaceInputs(tx, state.source, previous)),
  );
}

/** The deployed version's model: from the process's cache, or one load shared by every caller. */
export function deployedModel(
  state: Serving,
  workspaceId: string,
  deployed: DeployedStamp,
  read: TenantRead,
): Promise<LoadedModel | null> {
  return state.models.get(workspaceId, deployed, () =>
    read(async (tx) => {
      const artifact = await state.source.load(tx, deployed.versionId);
      return artifact ? { ...artifact, intentLabels: await intentLabels(tx) } : null;
    }),
  );
}

/**
 * After a deploy (or rollback) notification: loads the newly deployed version now, so the
 * workspace's next suggestion does not wait for it (a BANKING77-sized model takes 0.5–0.9 s to
 * load). Called only for workspaces this process serves; requests arriving meanwhile join the load.
 */
export async function preloadDeployed(state: Serving, workspaceId: string): Promise<void> {
  const { db } = await getDatabase();
  const read: TenantRead = (fn) => readInTenant(db, workspaceId, fn);
  const inputs = await workspaceInputs(state, workspaceId, read);
  if (inputs.deployed) await deployedModel(state, workspaceId, inputs.deployed, read);
}
