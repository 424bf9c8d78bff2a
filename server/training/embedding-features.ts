import type { Tx } from "@/db/client";
import { openAiSession } from "@/server/ai/ai-session";
import { aiEmbed } from "@/server/ai/embed";
import type { AiRegistry } from "@/server/ai/registry";
import type { ExtraDenseInput } from "./model/extra-dense";

/**
 * Issue #12 §6, training side: when the workspace's "AI embeddings as model features" switch is
 * on (Settings → AI, off by default) and an embedding model is available, embed the training
 * texts through `aiEmbed` — batches of EMBED_BATCH, each one provider call with its usage row,
 * the budget check and retries of the AI session — never inside a tenant transaction. The
 * result feeds trainModel's extra dense block (model/extra-dense.ts).
 *
 * Any failure (no model, budget, provider error, wrong answer) yields `failed` with the reason:
 * the job then trains without the block and says so; it never fails the training run.
 */
export const EMBED_BATCH = 256;

export type EmbeddingFeatures =
  | { status: "off" }
  | { status: "ready"; extraDense: ExtraDenseInput; calls: number }
  | { status: "failed"; reason: string };

export type EmbeddingFeatureDeps = {
  registry: AiRegistry;
  workspaceId: string;
  inTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  signal?: AbortSignal;
};

/** How the artefact names an embedding model: serving compares it with the current one. */
export const embeddingModelName = (choice: { provider: string; modelId: string }) =>
  `${choice.provider}/${choice.modelId}`;

export async function embeddingFeatures(
  deps: EmbeddingFeatureDeps,
  texts: readonly string[],
): Promise<EmbeddingFeatures> {
  const session = await openAiSession({
    registry: deps.registry,
    workspaceId: deps.workspaceId,
    inTenant: deps.inTenant,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  if (!session.settings.embeddingFeatures) return { status: "off" };
  const choice = session.embeddingModel();
  if (!choice) {
    return { status: "failed", reason: "no AI embedding model is available (Settings → AI)" };
  }
  // Float32: a quarter of the memory of number arrays (10k × 1,536 dims ≈ 61 MB), and cheap to
  // copy to the training worker thread.
  const vectors: Float32Array[] = [];
  let calls = 0;
  try {
    for (let start = 0; start < texts.length; start += EMBED_BATCH) {
      const batch = texts.slice(start, start + EMBED_BATCH);
      const answer = await aiEmbed(session, [...batch], "training.embed");
      calls++;
      if (answer.length !== batch.length) {
        return {
          status: "failed",
          reason: `the embedding model answered ${answer.length} vectors for ${batch.length} texts`,
        };
      }
      for (const v of answer) vectors.push(Float32Array.from(v));
    }
  } catch (error) {
    if (deps.signal?.aborted) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    return { status: "failed", reason: `embedding the examples failed: ${detail.slice(0, 300)}` };
  }
  const dims = vectors[0]?.length ?? 0;
  if (dims === 0 || vectors.some((v) => v.length !== dims)) {
    return { status: "failed", reason: "the embedding model answered vectors of different sizes" };
  }
  return { status: "ready", extraDense: { model: embeddingModelName(choice), vectors }, calls };
}
