import type { Database } from "@/db";
import { createProviderRegistry } from "@/server/ai/registry";
import { createContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { startAiStub } from "@/test/ai-stub-server";

/**
 * `bench suggest --ai-rerank N`: the first N test rows through `suggestions.forMessage` with the
 * workspace's AI re-ranking off, then on, against the OpenAI-compatible stub on 127.0.0.1
 * (test/ai-stub-server.ts) as the operator's AI_BASE_URL. The stub keeps the local order, so the
 * figures show what re-ranking costs in latency and that the answer survives it; they say
 * nothing about whether a real model ranks better (no accuracy signal).
 */
type Row = { text: string; label: string };
type Run = { top1: number; top3: number; p50_ms: number; p95_ms: number; fallbacks: number };

const percentile = (sorted: number[], p: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;

export async function benchAiRerank(options: {
  db: Database;
  workspaceSlug: string;
  user: { id: string; email: string; name: string };
  rows: Row[];
  templateOf: Map<string, string>;
}) {
  const stub = await startAiStub();
  try {
    const registry = createProviderRegistry({
      AI_BASE_URL: stub.url,
      AI_API_KEY: "bench-key",
      AI_MODEL: "stub-model",
      AI_EMBEDDING_MODEL: undefined,
      OPENAI_API_KEY: undefined,
      ANTHROPIC_API_KEY: undefined,
    });
    const caller = createCaller(
      await createContext({
        db: options.db,
        headers: new Headers({ "x-parley-workspace": options.workspaceSlug }),
        getSessionUser: async () => options.user,
        ai: registry,
      }),
    );
    const run = async (rerankSuggestions: boolean): Promise<Run> => {
      await caller.ai.settings.update({
        enabled: true,
        provider: "default",
        models: {},
        dailyCallLimit: null,
        dailyTokenLimit: null,
        rerankSuggestions,
      });
      let top1 = 0;
      let top3 = 0;
      let fallbacks = 0;
      const ms: number[] = [];
      for (const row of options.rows) {
        const started = performance.now();
        const answer = await caller.suggestions.forMessage({ message: row.text, limit: 3 });
        ms.push(performance.now() - started);
        const ids = answer.suggestions.map((s) => s.templateId);
        const expected = options.templateOf.get(row.label);
        if (expected && ids[0] === expected) top1++;
        if (expected && ids.includes(expected)) top3++;
        if (answer.warnings.some((w) => w.startsWith("AI re-ranking"))) fallbacks++;
      }
      ms.sort((a, b) => a - b);
      const share = (n: number) => Math.round((n / Math.max(1, options.rows.length)) * 1000) / 1000;
      return {
        top1: share(top1),
        top3: share(top3),
        p50_ms: percentile(ms, 0.5),
        p95_ms: percentile(ms, 0.95),
        fallbacks,
      };
    };
    const local = await run(false);
    const reranked = await run(true);
    return {
      rows: options.rows.length,
      local,
      reranked,
      provider_calls: stub.requests.length,
      note: "stub provider keeps the local order: latency cost only, no accuracy signal",
    };
  } finally {
    await stub.close();
  }
}
