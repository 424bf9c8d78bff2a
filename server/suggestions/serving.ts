import type { Listen } from "@/db/listen";
import { log } from "@/server/logger";
import { CatalogCache } from "./catalog";
import { ModelCache } from "./model-cache";
import { deployedModels, type ModelSource } from "./model-source";

/**
 * The process's suggestion serving state: the deployed-model cache, the template catalogs and
 * where deployed models come from. One per process (on globalThis, so Next's dev reloads and the
 * in-process worker share it, like the database handle).
 */
export interface Serving {
  models: ModelCache;
  catalogs: CatalogCache;
  source: ModelSource;
  /** Set once LISTEN on the source's channel is in place for this process. */
  listening: Promise<void> | null;
}

const holder = globalThis as { __parleySuggestions?: Serving };

export function serving(): Serving {
  holder.__parleySuggestions ??= {
    models: new ModelCache(),
    catalogs: new CatalogCache(),
    source: deployedModels,
    listening: null,
  };
  return holder.__parleySuggestions;
}

/**
 * Replaces where models come from (the training pipeline's deployed row in production; an
 * in-memory source in the bench and tests) and empties the caches.
 */
export function configureServing(source: ModelSource): Serving {
  holder.__parleySuggestions = {
    models: new ModelCache(),
    catalogs: new CatalogCache(),
    source,
    listening: null,
  };
  return holder.__parleySuggestions;
}

/**
 * LISTEN for deploys once per process: a NOTIFY carrying a workspace id makes that workspace's
 * next request read its deployed row again. Failing to listen is logged, not fatal: the stamp's
 * time-to-live (model-cache.ts) still picks up a deploy within seconds.
 */
export function ensureListening(state: Serving, listen: () => Promise<Listen>): Promise<void> {
  const channel = state.source.channel;
  if (!channel) return Promise.resolve();
  state.listening ??= listen()
    .then((fn) =>
      fn(channel, (workspaceId) => {
        state.models.invalidate(workspaceId.trim());
      }),
    )
    .then(() => undefined)
    .catch((error: unknown) => {
      log.warn("suggestions: LISTEN for model deploys failed; relying on the stamp TTL", {
        error: error instanceof Error ? error.message : String(error),
      });
    });
  return state.listening;
}
