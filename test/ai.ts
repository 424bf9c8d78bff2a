import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream } from "ai";
import { MockEmbeddingModelV3, MockLanguageModelV3 } from "ai/test";
import { type AiRegistry, NO_AI_PROVIDERS } from "@/server/ai/registry";
import type { LanguageUseCase } from "@/server/ai/use-cases";

/**
 * AI test doubles at the provider boundary: a registry that hands out the AI SDK's mock models
 * (so everything above the model — wrapper, retries, usage rows, budget — runs for real).
 */
export function mockRegistry(models: {
  language?: MockLanguageModelV3 | ((useCase: LanguageUseCase) => MockLanguageModelV3);
  embedding?: MockEmbeddingModelV3;
}): AiRegistry {
  return {
    languageModel(useCase) {
      const model =
        typeof models.language === "function" ? models.language(useCase) : models.language;
      return model ? { model, provider: "mock", modelId: "mock-model" } : null;
    },
    embeddingModel() {
      return models.embedding
        ? { model: models.embedding, provider: "mock", modelId: "mock-embed" }
        : null;
    },
    describeDefault: () => (models.language ? "mock" : null),
  };
}

export const NO_AI: AiRegistry = NO_AI_PROVIDERS;

const usage = (input: number, output: number) => ({
  inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: output, text: output, reasoning: 0 },
});

/** Stream parts that write `text` in pieces of `size` characters, then finish with usage. */
export function textStreamParts(text: string, size = 8, tokens = { input: 120, output: 40 }) {
  const parts: LanguageModelV3StreamPart[] = [
    { type: "stream-start", warnings: [] },
    { type: "text-start", id: "t" },
  ];
  for (let i = 0; i < text.length; i += size)
    parts.push({ type: "text-delta", id: "t", delta: text.slice(i, i + size) });
  parts.push({ type: "text-end", id: "t" });
  parts.push({
    type: "finish",
    finishReason: { unified: "stop", raw: "stop" },
    usage: usage(tokens.input, tokens.output),
  });
  return parts;
}

/** A model whose every stream call answers `answers[i]` (the last one repeats) as JSON text. */
export function streamingModel(answers: unknown[], options: { chunkDelayInMs?: number } = {}) {
  let call = 0;
  return new MockLanguageModelV3({
    doStream: async () => {
      const answer = answers[Math.min(call++, answers.length - 1)];
      return {
        stream: simulateReadableStream({
          chunks: textStreamParts(JSON.stringify(answer)),
          chunkDelayInMs: options.chunkDelayInMs ?? null,
        }),
      };
    },
  });
}

/** A model answering generateText calls with `answer` as JSON text. */
export function generatingModel(answer: unknown) {
  return new MockLanguageModelV3({
    doGenerate: async () => ({
      content: [{ type: "text", text: JSON.stringify(answer) }],
      finishReason: { unified: "stop", raw: "stop" },
      usage: usage(200, 30),
      warnings: [],
    }),
  });
}

export function embeddingModel(dimensions = 4) {
  return new MockEmbeddingModelV3({
    doEmbed: async ({ values }) => ({
      embeddings: values.map((v) =>
        Array.from({ length: dimensions }, (_, i) => (v.length + i) / 10),
      ),
      usage: { tokens: values.length * 5 },
      warnings: [],
    }),
  });
}

/** A model that never answers until its call is aborted (the wrapper's timeout). */
export function hangingModel() {
  return new MockLanguageModelV3({
    doStream: ({ abortSignal }) =>
      new Promise((_, reject) => {
        abortSignal?.addEventListener("abort", () => reject(abortSignal.reason), { once: true });
      }),
  });
}
