import type { Tx } from "@/db";
import { aiAppError, type Classified, classifyAiError, notConfiguredError } from "./classify-error";
import type { AiEmbeddingModel, AiLanguageModel, AiRegistry, ModelChoice } from "./registry";
import { loadWorkspaceAi, type WorkspaceAi } from "./settings";
import { type AiCallRecord, recordAiCall, requireBudget } from "./usage";
import {
  AI_USE_CASES,
  type AiUseCase,
  estimateCostMicroUsd,
  type LanguageUseCase,
} from "./use-cases";

/**
 * The one way AI features call a provider. A session belongs to one workspace and one request:
 * it reads the workspace's settings once, then every call gets a label, a timeout, retries with
 * backoff on retryable errors, the daily budget check, and a usage row — each in its own short
 * tenant transaction, never around the provider call (read, call outside, write).
 */
export type AiSessionDeps = {
  registry: AiRegistry;
  workspaceId: string;
  /** A short tenant transaction of the workspace (RLS bound). */
  inTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  /** The request's signal: a client that goes away cancels the call. */
  signal?: AbortSignal;
  /** Tests shorten waits and timeouts; production uses the use-case map's. */
  backoffMs?: number;
  timeoutMs?: number;
  maxAttempts?: number;
};

export type Usage = { input: number; output: number };
export type Attempt<M> = { model: M; abortSignal: AbortSignal; attempt: number };

export class InvalidAiOutput extends Error {
  constructor(
    readonly reason: string,
    readonly usage: Usage,
  ) {
    super(reason);
    this.name = "InvalidAiOutput";
  }
}

export type AiSession = {
  settings: WorkspaceAi;
  /** The model for a use case, or null: not configured or switched off (the local fallback). */
  languageModel(useCase: LanguageUseCase): ModelChoice<AiLanguageModel> | null;
  embeddingModel(): ModelChoice<AiEmbeddingModel> | null;
  /**
   * Runs `call` with retries. It returns its value and token usage, or throws InvalidAiOutput
   * (recorded, not retried here: the feature decides whether to ask again with feedback).
   * `onRetry` tells a streaming caller to discard what it showed of the failed attempt.
   */
  run<M, T>(
    spec: { useCase: AiUseCase; label: string; choice: ModelChoice<M> | null },
    call: (attempt: Attempt<M>) => Promise<{ value: T; usage: Usage }>,
    options?: { onRetry?: () => void },
  ): Promise<T>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function openAiSession(deps: AiSessionDeps): Promise<AiSession> {
  const settings = await deps.inTenant((tx) => loadWorkspaceAi(tx, deps.workspaceId));
  const maxAttempts = deps.maxAttempts ?? 3;
  const backoffMs = deps.backoffMs ?? 500;
  const record = (call: AiCallRecord) =>
    deps.inTenant((tx) => recordAiCall(tx, deps.workspaceId, call));

  return {
    settings,
    languageModel(useCase) {
      return settings.enabled ? deps.registry.languageModel(useCase, settings.provider) : null;
    },
    embeddingModel() {
      return settings.enabled ? deps.registry.embeddingModel(settings.provider) : null;
    },
    async run(spec, call, options) {
      const { choice } = spec;
      if (!choice) throw notConfiguredError(settings.enabled);
      const timeoutMs = deps.timeoutMs ?? AI_USE_CASES[spec.useCase].timeoutMs;
      const base = {
        useCase: spec.useCase,
        label: spec.label,
        provider: choice.provider,
        model: choice.modelId,
      };
      let last: Classified | null = null;
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        await deps.inTenant((tx) => requireBudget(tx, deps.workspaceId, settings));
        const controller = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          controller.abort(new Error("AI call timed out"));
        }, timeoutMs);
        const abortSignal = deps.signal
          ? AbortSignal.any([controller.signal, deps.signal])
          : controller.signal;
        const started = performance.now();
        const latency = () => Math.round(performance.now() - started);
        try {
          const { value, usage } = await call({ model: choice.model, abortSignal, attempt });
          clearTimeout(timer);
          await record({
            ...base,
            ...tokens(choice.modelId, usage),
            latencyMs: latency(),
            outcome: "ok",
            error: null,
          });
          return value;
        } catch (error) {
          clearTimeout(timer);
          if (error instanceof InvalidAiOutput) {
            await record({
              ...base,
              ...tokens(choice.modelId, error.usage),
              latencyMs: latency(),
              outcome: "invalid_output",
              error: error.reason,
            });
            throw error;
          }
          const classified = classifyAiError(error, timedOut);
          const cancelled = !timedOut && deps.signal?.aborted === true;
          await record({
            ...base,
            ...tokens(choice.modelId, { input: 0, output: 0 }),
            latencyMs: latency(),
            outcome: classified.outcome,
            error: cancelled ? "cancelled by the client" : classified.detail,
          });
          if (cancelled) throw error;
          last = classified;
          const wait = backoffMs * 2 ** (attempt - 1);
          // A rate limit asking for longer than the backoff ends the call: the user is told when.
          const tooLong = (classified.retryAfterSeconds ?? 0) * 1000 > wait * 4;
          if (!classified.retryable || attempt === maxAttempts || tooLong) {
            throw aiAppError(classified, attempt, timeoutMs);
          }
          await sleep(wait);
          options?.onRetry?.();
        }
      }
      // Unreachable: the loop returns or throws; kept for the type checker.
      throw aiAppError(last ?? classifyAiError(null, false), maxAttempts, timeoutMs);
    },
  };
}

function tokens(modelId: string, usage: Usage) {
  return {
    inputTokens: usage.input,
    outputTokens: usage.output,
    costMicroUsd: estimateCostMicroUsd(modelId, usage),
  };
}
