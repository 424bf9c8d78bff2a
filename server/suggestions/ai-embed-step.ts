import type { Tx } from "@/db/client";
import { aiSettings } from "@/db/schema";
import { openAiSession } from "@/server/ai/ai-session";
import { aiEmbed } from "@/server/ai/embed";
import type { AiRegistry } from "@/server/ai/registry";
import { AppError } from "@/server/errors";
import { log } from "@/server/logger";
import { embeddingModelName } from "@/server/training/embedding-features";
import type { ExtraDenseSpec } from "@/server/training/model/extra-dense";
import {
  type ExtraVector,
  type IntentModel,
  scoreText,
  type TextScores,
} from "@/server/training/model/model";

/**
 * Issue #12 §6, serving side: a deployed model trained with provider embeddings as extra
 * features (Settings → AI, "Use AI embeddings as model features") gets the incoming message's
 * embedding — one attempt, AI_EMBED_BUDGET_MS, usage row in ai_calls, never inside a
 * transaction. Without it (switch off since training, no model, another embedding model than
 * the one the version was trained with, timeout, failure) the model scores on the words alone —
 * the block at zero — and the answer's warnings say why. Models without the block never get here.
 */
export const AI_EMBED_BUDGET_MS = 1_000;

export type AiSwitches = { rerank: boolean; embed: boolean };
export const AI_SWITCHES_OFF: AiSwitches = { rerank: false, embed: false };

/** The workspace's AI suggestion switches, one read (RLS scopes the settings row to the tenant). */
export async function aiSuggestionSwitches(tx: Tx): Promise<AiSwitches> {
  const [row] = await tx
    .select({ rerank: aiSettings.rerankSuggestions, embed: aiSettings.embeddingFeatures })
    .from(aiSettings)
    .limit(1);
  return row ?? AI_SWITCHES_OFF;
}

export type AiEmbedDeps = {
  registry: AiRegistry | undefined;
  workspaceId: string;
  inTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  /** The switch as read in the request's read transaction. */
  enabled: boolean;
  /** Tests shorten it; the default is AI_EMBED_BUDGET_MS. */
  budgetMs?: number;
};

const WITHOUT = "suggested from the words alone";

export async function aiEmbedStep(
  deps: AiEmbedDeps,
  message: string,
  spec: ExtraDenseSpec,
): Promise<{ vector: number[] | null; warnings: string[] }> {
  const without = (warning: string) => ({ vector: null, warnings: [warning] });
  if (!deps.enabled || !deps.registry) {
    return without(
      `The model was trained with AI embeddings, which are now switched off (Settings → AI): ${WITHOUT}. Retrain to drop them.`,
    );
  }
  const budgetMs = deps.budgetMs ?? AI_EMBED_BUDGET_MS;
  const session = await openAiSession({
    registry: deps.registry,
    workspaceId: deps.workspaceId,
    inTenant: deps.inTenant,
    timeoutMs: budgetMs,
    maxAttempts: 1,
  });
  const choice = session.embeddingModel();
  if (!choice) {
    return without(`AI embeddings are on, but no embedding model is available: ${WITHOUT}.`);
  }
  const name = embeddingModelName(choice);
  if (name !== spec.model) {
    return without(
      `The model was trained with ${spec.model} embeddings, the workspace now uses ${name}: ${WITHOUT}. Retrain to use the new model.`,
    );
  }
  try {
    const [vector] = await aiEmbed(session, [message]);
    if (!vector || vector.length !== spec.dims) {
      return without(
        `AI embedding answered ${vector?.length ?? 0} dimensions, the model expects ${spec.dims}: ${WITHOUT}.`,
      );
    }
    return { vector, warnings: [] };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    log.warn("AI embedding failed; suggesting without it", {
      workspaceId: deps.workspaceId,
      detail,
    });
    if (error instanceof AppError && error.code === "GATEWAY_TIMEOUT") {
      return without(`AI embedding did not answer within ${budgetMs / 1000} s: ${WITHOUT}.`);
    }
    return without(`AI embedding failed (${detail.slice(0, 200)}): ${WITHOUT}.`);
  }
}

/** Scores the text elsewhere (the scoring thread), or null: score it here. */
export type ScoreElsewhere = (extra: ExtraVector) => Promise<TextScores | null> | null;

/**
 * The model's scores over all labels, with the message's embedding when the model has the
 * block; scored by `elsewhere` when it can, else on this thread.
 */
export async function scoreWithEmbedding(
  deps: AiEmbedDeps,
  model: IntentModel,
  message: string,
  elsewhere?: ScoreElsewhere,
): Promise<{ scores: TextScores; warnings: string[] }> {
  const embedded = model.extraDense ? await aiEmbedStep(deps, message, model.extraDense) : null;
  const extra = embedded?.vector;
  const scores = (await elsewhere?.(extra)) ?? scoreText(model, message, extra);
  return { scores, warnings: embedded?.warnings ?? [] };
}
