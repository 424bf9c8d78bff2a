import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { EmbeddingModel, LanguageModel } from "ai";
import { type Env, getEnv } from "@/server/env";
import { createOutboundFetch } from "@/server/http/outbound-fetch";
import { parseAllowHosts } from "@/server/http/outbound-url";
import { log } from "@/server/logger";
import {
  AI_USE_CASES,
  type AiProviderChoice,
  type AiUseCase,
  DEFAULT_MODELS,
  type LanguageUseCase,
} from "./use-cases";

export type AiLanguageModel = Exclude<LanguageModel, string>;
export type AiEmbeddingModel = Exclude<EmbeddingModel, string>;

/** A model picked for a use case, with the names the usage records and the UI show. */
export type ModelChoice<M> = { model: M; provider: string; modelId: string };

/** A workspace's provider settings with its key opened (server-side only, never serialised). */
export type ProviderSettings = {
  provider: AiProviderChoice;
  baseUrl: string | null;
  models: Partial<Record<AiUseCase, string>>;
  apiKey: string | null;
};

export const ENVIRONMENT_SETTINGS: ProviderSettings = {
  provider: "default",
  baseUrl: null,
  models: {},
  apiKey: null,
};

/**
 * Turns a use case into a model for a workspace's settings; null when nothing is configured for
 * it. The web server builds one from the environment; tests pass one that returns mock models.
 * It reaches domain code through the tRPC context and the route handlers' scope.
 */
export interface AiRegistry {
  languageModel(
    useCase: LanguageUseCase,
    settings: ProviderSettings,
  ): ModelChoice<AiLanguageModel> | null;
  embeddingModel(settings: ProviderSettings): ModelChoice<AiEmbeddingModel> | null;
  /** For the settings page: what "default" means on this server. */
  describeDefault(): string | null;
}

type AiEnv = Pick<
  Env,
  | "OPENAI_API_KEY"
  | "ANTHROPIC_API_KEY"
  | "AI_BASE_URL"
  | "AI_API_KEY"
  | "AI_MODEL"
  | "AI_EMBEDDING_MODEL"
> &
  Partial<Pick<Env, "OUTBOUND_ALLOW_HOSTS">>;

type Resolved = {
  vendor: Exclude<AiProviderChoice, "default">;
  apiKey: string | null;
  baseUrl: string | null;
  /** Models named by the environment (AI_MODEL, AI_EMBEDDING_MODEL) for compatible servers. */
  envModel: string | null;
  envEmbeddingModel: string | null;
  /** The URL came from a workspace admin, not the operator: calls go through the SSRF guard. */
  adminUrl: boolean;
};

/** Which vendor and credentials a workspace's settings come to, or null for none. */
function resolve(env: AiEnv, settings: ProviderSettings): Resolved | null {
  const none = { envModel: null, envEmbeddingModel: null, adminUrl: false };
  switch (settings.provider) {
    case "openai": {
      const apiKey = settings.apiKey ?? env.OPENAI_API_KEY ?? null;
      return apiKey ? { vendor: "openai", apiKey, baseUrl: null, ...none } : null;
    }
    case "anthropic": {
      const apiKey = settings.apiKey ?? env.ANTHROPIC_API_KEY ?? null;
      return apiKey ? { vendor: "anthropic", apiKey, baseUrl: null, ...none } : null;
    }
    case "openai-compatible":
      return settings.baseUrl
        ? {
            vendor: "openai-compatible",
            apiKey: settings.apiKey,
            baseUrl: settings.baseUrl,
            ...none,
            adminUrl: true,
          }
        : null;
    case "default":
      if (env.AI_BASE_URL) {
        return {
          vendor: "openai-compatible",
          apiKey: env.AI_API_KEY ?? null,
          baseUrl: env.AI_BASE_URL,
          envModel: env.AI_MODEL ?? null,
          envEmbeddingModel: env.AI_EMBEDDING_MODEL ?? null,
          // The operator's own AI_BASE_URL is trusted (often a model server on 127.0.0.1).
          adminUrl: false,
        };
      }
      if (env.OPENAI_API_KEY)
        return { vendor: "openai", apiKey: env.OPENAI_API_KEY, baseUrl: null, ...none };
      if (env.ANTHROPIC_API_KEY) {
        return { vendor: "anthropic", apiKey: env.ANTHROPIC_API_KEY, baseUrl: null, ...none };
      }
      return null;
  }
}

function modelIdFor(r: Resolved, useCase: AiUseCase, settings: ProviderSettings): string | null {
  const named = settings.models[useCase];
  if (named) return named;
  const tier = AI_USE_CASES[useCase].tier;
  if (r.vendor === "openai-compatible")
    return tier === "embedding" ? r.envEmbeddingModel : r.envModel;
  return DEFAULT_MODELS[r.vendor][tier];
}

/** The registry of a server: providers from the environment plus each workspace's settings. */
export function createProviderRegistry(env: AiEnv): AiRegistry {
  // Checked before every request and pinned to the checked address (DNS rebinding).
  const guarded = createOutboundFetch({ allowHosts: parseAllowHosts(env.OUTBOUND_ALLOW_HOSTS) });
  const compatibleFetch = (r: Resolved) => (r.adminUrl ? { fetch: guarded } : {});
  return {
    languageModel(useCase, settings) {
      const r = resolve(env, settings);
      if (!r) return null;
      const modelId = modelIdFor(r, useCase, settings);
      if (!modelId) return null;
      const apiKey = r.apiKey ?? undefined;
      if (r.vendor === "openai") {
        return { model: createOpenAI({ apiKey }).chat(modelId), provider: "openai", modelId };
      }
      if (r.vendor === "anthropic") {
        return { model: createAnthropic({ apiKey })(modelId), provider: "anthropic", modelId };
      }
      const compatible = createOpenAICompatible({
        name: "openai-compatible",
        baseURL: r.baseUrl ?? "",
        apiKey,
        includeUsage: true,
        ...compatibleFetch(r),
      });
      return { model: compatible.chatModel(modelId), provider: "openai-compatible", modelId };
    },
    embeddingModel(settings) {
      const r = resolve(env, settings);
      if (!r) return null;
      const modelId = modelIdFor(r, "embed", settings);
      if (!modelId) return null;
      const apiKey = r.apiKey ?? undefined;
      if (r.vendor === "openai") {
        return {
          model: createOpenAI({ apiKey }).embeddingModel(modelId),
          provider: "openai",
          modelId,
        };
      }
      if (r.vendor === "anthropic") return null;
      const compatible = createOpenAICompatible({
        name: "openai-compatible",
        baseURL: r.baseUrl ?? "",
        apiKey,
        ...compatibleFetch(r),
      });
      return { model: compatible.embeddingModel(modelId), provider: "openai-compatible", modelId };
    },
    describeDefault() {
      const r = resolve(env, ENVIRONMENT_SETTINGS);
      if (!r) return null;
      return r.vendor === "openai-compatible"
        ? `OpenAI-compatible server (${r.envModel ?? "no model"})`
        : r.vendor;
    },
  };
}

// The SDK prints a warning to the console on every call to a compatible server that cannot take
// a JSON schema; the prompts describe the JSON shape themselves, so it is expected, and the
// log level of server/logger.ts governs what is printed.
globalThis.AI_SDK_LOG_WARNINGS = (options) => {
  for (const warning of options.warnings)
    log.debug("AI SDK warning", { warning, provider: options.provider, model: options.model });
};

/**
 * A registry with no provider at all, whatever the environment or the workspace's settings say:
 * for work that must not call one (the demo seed's analysis keeps its computed sentences).
 */
export const NO_AI_PROVIDERS: AiRegistry = {
  languageModel: () => null,
  embeddingModel: () => null,
  describeDefault: () => null,
};

let serverRegistry: AiRegistry | undefined;

/** The web server's registry, from its environment (read once). */
export function defaultAiRegistry(): AiRegistry {
  serverRegistry ??= createProviderRegistry(getEnv());
  return serverRegistry;
}
