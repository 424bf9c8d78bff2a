/**
 * What the product asks AI for. Features name a use case, never a vendor or a model; the
 * registry (registry.ts) turns a use case into a model for a workspace. Checked with
 * `satisfies`, so adding a use case without its settings does not compile.
 */
export type UseCaseSpec = {
  kind: "language" | "embedding";
  /** Which of a provider's default models fits: a capable one or a fast, cheap one. */
  tier: "quality" | "fast" | "embedding";
  /** Per attempt; a call that takes longer is aborted and reported as timed out. */
  timeoutMs: number;
};

export const AI_USE_CASES = {
  optimize: { kind: "language", tier: "quality", timeoutMs: 60_000 },
  rerank: { kind: "language", tier: "fast", timeoutMs: 10_000 },
  insights: { kind: "language", tier: "quality", timeoutMs: 60_000 },
  draft: { kind: "language", tier: "quality", timeoutMs: 30_000 },
  embed: { kind: "embedding", tier: "embedding", timeoutMs: 15_000 },
} as const satisfies Record<string, UseCaseSpec>;

export type AiUseCase = keyof typeof AI_USE_CASES;
export type LanguageUseCase = {
  [K in AiUseCase]: (typeof AI_USE_CASES)[K]["kind"] extends "language" ? K : never;
}[AiUseCase];

export const AI_USE_CASE_NAMES = Object.keys(AI_USE_CASES) as AiUseCase[];

export const AI_PROVIDERS = ["default", "openai", "anthropic", "openai-compatible"] as const;
export type AiProviderChoice = (typeof AI_PROVIDERS)[number];
type Vendor = Exclude<AiProviderChoice, "default">;

/** Models used when a workspace names none for a use case. Local servers name their own. */
export const DEFAULT_MODELS = {
  openai: { quality: "gpt-4.1-mini", fast: "gpt-4.1-nano", embedding: "text-embedding-3-small" },
  anthropic: { quality: "claude-sonnet-4-5", fast: "claude-haiku-4-5", embedding: null },
  "openai-compatible": { quality: null, fast: null, embedding: null },
} as const satisfies Record<Vendor, Record<UseCaseSpec["tier"], string | null>>;

/**
 * Estimated price per million tokens (USD, input/output) of the default models, for the usage
 * page's cost column. Unknown models (local servers) cost null: not zero, unknown.
 */
const PRICES: Record<string, { input: number; output: number }> = {
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "text-embedding-3-small": { input: 0.02, output: 0 },
  "claude-sonnet-4-5": { input: 3, output: 15 },
  "claude-haiku-4-5": { input: 1, output: 5 },
};

/** Millionths of a dollar, or null when the model's price is not known. */
export function estimateCostMicroUsd(
  modelId: string,
  tokens: { input: number; output: number },
): number | null {
  const price = PRICES[modelId];
  if (!price) return null;
  return Math.round(tokens.input * price.input + tokens.output * price.output);
}
