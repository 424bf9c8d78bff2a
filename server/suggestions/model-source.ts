import type { Tx } from "@/db/client";
import {
  getDeployedModelStamp,
  loadModelArtifact,
  MODEL_DEPLOYED_CHANNEL,
} from "@/server/training/versions/deployed";

/** Which model version a workspace has deployed (the training pipeline's deployed row). */
export interface DeployedStamp {
  versionId: string;
  version: number;
}

/** A deployed version's artefact; `labels` are template ids in the model's label order. */
export interface ModelArtifact {
  version: number;
  bytes: Uint8Array;
  threshold: number;
  labels: string[];
}

/**
 * Where deployed models come from. The training pipeline (#9) owns the deployed row and the
 * artefacts (server/training/versions/deployed.ts); serving depends only on this shape, so the
 * bench and tests can serve a model they trained in memory through the same cache and code.
 * Both calls run inside the caller's tenant transaction.
 */
export interface ModelSource {
  /** NOTIFY channel whose payload is a workspace id that deployed a version; null: none. */
  channel: string | null;
  stamp(tx: Tx): Promise<DeployedStamp | null>;
  load(tx: Tx, versionId: string): Promise<ModelArtifact | null>;
}

/** Production: the training pipeline's deployed row, announced on MODEL_DEPLOYED_CHANNEL. */
export const deployedModels: ModelSource = {
  channel: MODEL_DEPLOYED_CHANNEL,
  stamp: getDeployedModelStamp,
  load: loadModelArtifact,
};

/** No workspace has a deployed model (tests of the untrained ranking). */
export const noDeployedModels: ModelSource = {
  channel: null,
  stamp: async () => null,
  load: async () => null,
};
