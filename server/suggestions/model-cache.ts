import { normalizeForMatching } from "@/server/templates/triggers/normalize-text";
import { type EmbeddingTable, loadWordVectors } from "@/server/training/model/embeddings";
import { type IntentModel, modelMemoryBytes } from "@/server/training/model/model";
import { deserializeModel, deserializeModelAsync } from "@/server/training/model/serialize";
import type { DeployedStamp, ModelArtifact } from "./model-source";

export interface LoadedModel {
  workspaceId: string;
  versionId: string;
  version: number;
  model: IntentModel;
  threshold: number;
  /** Template id per model label index. */
  templateIds: string[];
  /** What the model holds in memory (modelMemoryBytes): what the cache counts. */
  bytes: number;
  /** Template id → the intent names an intent trigger may use for it (normalised). */
  intents: Map<string, Set<string>>;
}

/** An artefact plus the dataset labels its templates were trained from (for intent triggers). */
export type LoadableArtifact = ModelArtifact & {
  intentLabels?: { templateId: string; label: string }[];
};

/** What the cache tells a listener (the scoring thread, scoring-thread.ts): keys are modelKey(). */
export interface ModelCacheEvents {
  /** A model was loaded from these bytes (the listener must copy what it keeps). */
  added?: (key: string, bytes: Uint8Array) => void;
  dropped?: (key: string) => void;
  /**
   * The listener holds its own loaded copy of every model the cache holds (the scoring
   * thread): the process then holds each model twice, and the bound counts both.
   */
  keepsCopy?: boolean;
}

export const modelKey = (workspaceId: string, versionId: string) => `${workspaceId}:${versionId}`;

/**
 * What the process may hold of deployed models, every copy counted: with the scoring thread
 * (two copies each) four full-BANKING77-sized models (≈ 30.2 MB each with the neighbour vote and
 * the scoring path's term index, training/model/scoring-features.ts), seven without the vote
 * (≈ 17.3 MB).
 */
export const DEFAULT_MODEL_CACHE_BYTES = 256 * 1024 * 1024;

let sharedVectors: EmbeddingTable | undefined;
// The word-vector table (≈ 10 MB) is one per process, shared by every model that uses it.
const vectors = () => {
  sharedVectors ??= loadWordVectors();
  return sharedVectors;
};

/**
 * Deployed models, loaded once per process per (workspace, version) and kept in a cache bounded
 * by bytes (least recently used first out). Loading a workspace's new version drops its old
 * ones. Concurrent requests for a model that is not loaded yet share one load.
 */
export class ModelCache {
  private readonly models = new Map<string, LoadedModel>();
  private readonly loading = new Map<string, Promise<LoadedModel | null>>();
  /** What the process holds of the cached models, every copy counted. */
  private held = 0;
  private readonly copies: number;

  constructor(
    private readonly maxBytes = DEFAULT_MODEL_CACHE_BYTES,
    private readonly events: ModelCacheEvents = {},
  ) {
    this.copies = events.keepsCopy ? 2 : 1;
  }

  /** The loaded model for this stamp, loading it through `fetch` (bytes from the database). */
  async get(
    workspaceId: string,
    stamp: DeployedStamp,
    fetch: () => Promise<LoadableArtifact | null>,
  ): Promise<LoadedModel | null> {
    const key = modelKey(workspaceId, stamp.versionId);
    const hit = this.models.get(key);
    if (hit) {
      this.models.delete(key);
      this.models.set(key, hit); // most recently used last
      return hit;
    }
    let pending = this.loading.get(key);
    if (!pending) {
      pending = fetch()
        // Deserialised in slices (deserializeModelAsync): a kNN model's load would stall the process.
        .then(async (artifact) =>
          artifact
            ? this.add(
                workspaceId,
                stamp,
                artifact,
                await deserializeModelAsync(artifact.bytes, vectors()),
              )
            : null,
        )
        .finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** Installs an artefact as loaded (deserialised here unless `model` is given; once). */
  add(
    workspaceId: string,
    stamp: DeployedStamp,
    artifact: LoadableArtifact,
    model: IntentModel = deserializeModel(artifact.bytes, vectors()),
  ): LoadedModel {
    const intents = new Map<string, Set<string>>();
    for (const { templateId, label } of artifact.intentLabels ?? []) {
      const set = intents.get(templateId) ?? new Set<string>();
      set.add(normalizeForMatching(label));
      intents.set(templateId, set);
    }
    const loaded: LoadedModel = {
      workspaceId,
      versionId: stamp.versionId,
      version: artifact.version,
      model,
      threshold: artifact.threshold,
      templateIds: artifact.labels,
      bytes: modelMemoryBytes(model),
      intents,
    };
    for (const [key, other] of this.models) {
      if (other.workspaceId === workspaceId) this.drop(key);
    }
    const key = modelKey(workspaceId, stamp.versionId);
    this.models.set(key, loaded);
    this.held += loaded.bytes * this.copies;
    this.events.added?.(key, artifact.bytes);
    for (const key of this.models.keys()) {
      if (this.held <= this.maxBytes || this.models.size <= 1) break;
      this.drop(key);
    }
    return loaded;
  }

  /** Whether this version of the workspace's model is loaded here. */
  has(workspaceId: string, versionId: string): boolean {
    return this.models.has(modelKey(workspaceId, versionId));
  }

  /** Whether this process serves the workspace: it holds one of its versions. */
  servesWorkspace(workspaceId: string): boolean {
    for (const model of this.models.values()) if (model.workspaceId === workspaceId) return true;
    return false;
  }

  private drop(key: string): void {
    const model = this.models.get(key);
    if (!model) return;
    this.models.delete(key);
    this.held -= model.bytes * this.copies;
    this.events.dropped?.(key);
  }

  /**
   * `bytes`: what the process holds of the cached models, every copy counted (what the bound
   * limits); `modelBytes`: one copy of each (what the models themselves take).
   */
  stats(): { models: number; bytes: number; modelBytes: number; copies: number; maxBytes: number } {
    return {
      models: this.models.size,
      bytes: this.held,
      modelBytes: this.held / this.copies,
      copies: this.copies,
      maxBytes: this.maxBytes,
    };
  }
}
