import type { Database } from "@/db";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { type AiRegistry, createProviderRegistry } from "@/server/ai/registry";
import { createContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { startTraining } from "@/server/training/service/start";
import { startAiStub } from "@/test/ai-stub-server";
import { waitForJob } from "./bench-suggest-score";

/**
 * `bench suggest --ai-embed N`: provider embeddings as extra model features (issue #12 §6),
 * against the OpenAI-compatible stub on 127.0.0.1 (test/ai-stub-server.ts) as the operator's
 * AI_BASE_URL. The first N test rows through `suggestions.forMessage` with the deployed plain
 * model (switch off), then the switch on, a re-train through the training job (which embeds
 * every example through the stub), deploy, and the same rows again (each message embedded).
 * The stub's vectors carry no meaning (three numbers from the text's length), so the figures
 * are the latency and training-time cost only: no accuracy signal.
 */
type Row = { text: string; label: string };
type Run = {
  top1: number;
  top3: number;
  p50_ms: number;
  p95_ms: number;
  fallbacks: number;
  model_version: number | null;
};

const percentile = (sorted: number[], p: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;

export async function benchAiEmbed(options: {
  db: Database;
  workspaceId: string;
  workspaceSlug: string;
  user: { id: string; email: string; name: string };
  rows: Row[];
  templateOf: Map<string, string>;
  /** Hands the stub's registry to the bench's training worker. */
  setJobsAi: (registry: AiRegistry) => void;
}) {
  const stub = await startAiStub();
  try {
    const registry = createProviderRegistry({
      AI_BASE_URL: stub.url,
      AI_API_KEY: "bench-key",
      AI_MODEL: "stub-model",
      AI_EMBEDDING_MODEL: "stub-embed",
      OPENAI_API_KEY: undefined,
      ANTHROPIC_API_KEY: undefined,
    });
    options.setJobsAi(registry);
    const caller = createCaller(
      await createContext({
        db: options.db,
        headers: new Headers({ "x-parley-workspace": options.workspaceSlug }),
        getSessionUser: async () => options.user,
        ai: registry,
      }),
    );
    const setSwitch = (embeddingFeatures: boolean) =>
      caller.ai.settings.update({
        enabled: true,
        provider: "default",
        models: {},
        dailyCallLimit: null,
        dailyTokenLimit: null,
        embeddingFeatures,
      });
    const run = async (): Promise<Run> => {
      let top1 = 0;
      let top3 = 0;
      let fallbacks = 0;
      let version: number | null = null;
      const ms: number[] = [];
      for (const row of options.rows) {
        const started = performance.now();
        const answer = await caller.suggestions.forMessage({ message: row.text, limit: 3 });
        ms.push(performance.now() - started);
        version = answer.model?.version ?? null;
        const ids = answer.suggestions.map((s) => s.templateId);
        const expected = options.templateOf.get(row.label);
        if (expected && ids[0] === expected) top1++;
        if (expected && ids.includes(expected)) top3++;
        if (answer.warnings.some((w) => /AI embedding/.test(w))) fallbacks++;
      }
      ms.sort((a, b) => a - b);
      const share = (n: number) => Math.round((n / Math.max(1, options.rows.length)) * 1000) / 1000;
      return {
        top1: share(top1),
        top3: share(top3),
        p50_ms: percentile(ms, 0.5),
        p95_ms: percentile(ms, 0.95),
        fallbacks,
        model_version: version,
      };
    };

    await setSwitch(false);
    const off = await run();
    await setSwitch(true);
    const trainStarted = performance.now();
    const access = await systemAccess(options.db, options.workspaceId);
    const { jobId } = await runInWorkspace(options.db, access, (scope) =>
      startTraining(scope, { deploy: true }),
    );
    await waitForJob(options.db, options.workspaceId, jobId);
    const trainSeconds = (performance.now() - trainStarted) / 1000;
    const trainingCalls = stub.requests.filter((r) => r.path.endsWith("/embeddings")).length;
    // The deploy's NOTIFY reaches this process's LISTEN; wait until the new version serves.
    const deadline = Date.now() + 10_000;
    const probe = options.rows[0]?.text ?? "hello";
    while (Date.now() < deadline) {
      const answer = await caller.suggestions.forMessage({ message: probe, limit: 1 });
      if ((answer.model?.version ?? 0) > (off.model_version ?? 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const before = stub.requests.length;
    const on = await run();
    const servingCalls = stub.requests.length - before;
    await setSwitch(false);
    return {
      rows: options.rows.length,
      off,
      on,
      retrain_with_embeddings_seconds: Math.round(trainSeconds * 10) / 10,
      training_embedding_calls: trainingCalls,
      serving_embedding_calls: servingCalls,
      note: "stub provider: 3-d vectors from the text's length, no meaning: latency and training-time cost only, no accuracy signal",
    };
  } finally {
    await stub.close();
  }
}
