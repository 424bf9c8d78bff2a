import type { Listen } from "@/db/listen";
import { getEnv } from "@/server/env";
import { log } from "@/server/logger";
import { preloadDeployed } from "./deployed-model";
import { ModelCache } from "./model-cache";
import { deployedModels, type ModelSource } from "./model-source";
import { ScoringThread } from "./scoring-thread";
import { SUGGESTION_INPUTS_CHANNEL, WorkspaceInputsCache } from "./workspace-inputs";

/**
 * The process's suggestion serving state: the deployed-model cache, each workspace's kept
 * inputs (catalog, deployed stamp, switches, choices) and where deployed models come from. One per process (on globalThis, so Next's dev reloads and the
 * in-process worker share it, like the database handle).
 */
export interface Serving {
  models: ModelCache;
  /** Catalog, deployed stamp, AI switches and past choices per workspace (workspace-inputs.ts). */
  inputs: WorkspaceInputsCache;
  source: ModelSource;
  /** Where texts are scored with the models (null: on the event loop; SUGGESTION_SCORING). */
  scoring: ScoringThread | null;
  /** Set once LISTEN on the inputs' and the source's channels is in place for this process. */
  listening: Promise<void> | null;
}

const holder = globalThis as { __parleySuggestions?: Serving };

export function serving(): Serving {
  holder.__parleySuggestions ??= servingState(deployedModels);
  return holder.__parleySuggestions;
}

/**
 * Replaces where models come from (the training pipeline's deployed row in production; an
 * in-memory source in the bench and tests) and empties the caches.
 */
export function configureServing(source: ModelSource): Serving {
  void holder.__parleySuggestions?.scoring?.close();
  holder.__parleySuggestions = servingState(source);
  return holder.__parleySuggestions;
}

function servingState(source: ModelSource): Serving {
  const scoring = getEnv().SUGGESTION_SCORING === "thread" ? new ScoringThread() : null;
  return {
    models: new ModelCache(undefined, scoring?.events()),
    inputs: new WorkspaceInputsCache(),
    source,
    scoring,
    listening: null,
  };
}

/**
 * LISTEN once per process for deploys (a NOTIFY carrying a workspace id makes that workspace's
 * next request read its deployed row again) and for changes to what suggestions read
 * (workspace-inputs.ts): both drop the workspace's kept inputs. A deploy of a workspace this
 * process serves also starts loading the new version (deployed-model.ts). Failing to listen is
 * logged, not fatal: the kept copies' time-to-live still picks up a change within seconds.
 */
export function ensureListening(state: Serving, listen: () => Promise<Listen>): Promise<void> {
  const deployChannel = state.source.channel;
  const onDeployed = (workspaceId: string) => {
    state.inputs.invalidate(workspaceId);
    if (!state.models.servesWorkspace(workspaceId)) return;
    preloadDeployed(state, workspaceId).catch((error: unknown) =>
      log.warn("suggestions: could not preload a deployed model; the next request loads it", {
        workspaceId,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  };
  state.listening ??= listen()
    .then(async (fn) => {
      await fn(SUGGESTION_INPUTS_CHANNEL, (workspaceId) =>
        state.inputs.invalidate(workspaceId.trim()),
      );
      if (deployChannel) await fn(deployChannel, (workspaceId) => onDeployed(workspaceId.trim()));
    })
    .catch((error: unknown) => {
      log.warn("suggestions: LISTEN failed; relying on the kept copies' TTL", {
        error: error instanceof Error ? error.message : String(error),
      });
    });
  return state.listening;
}

/**
 * This process committed a change that may touch what a workspace's suggestions read: drop its
 * kept copy now rather than when the commit's notification arrives (the procedure tiers call
 * this after every mutation).
 */
export function suggestionInputsChanged(workspaceId: string): void {
  serving().inputs.invalidate(workspaceId);
}
