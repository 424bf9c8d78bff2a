import type { Tx } from "@/db/client";
import { openAiSession } from "@/server/ai/ai-session";
import type { AiRegistry } from "@/server/ai/registry";
import { aiRerank } from "@/server/ai/rerank";
import { AppError } from "@/server/errors";
import { log } from "@/server/logger";

/**
 * Issue #12 §6: the workspace's optional AI re-ranking of the locally ranked suggestions. Off by
 * default (Settings → AI). The provider call has a strict budget and one attempt; on timeout or
 * any failure the local order stays and the answer's warnings say so. Each database step (the
 * settings read, the budget check, the usage row in ai_calls) is its own short tenant
 * transaction; the provider call is never inside one.
 */
export const AI_RERANK_BUDGET_MS = 1_500;

/** The fields of a suggestion this step reads and sets; the caller's type passes through. */
type Rankable = {
  rank: number;
  templateId: string;
  name: string;
  preview: string;
  reasons: { aiScore?: number | null };
};

export type AiRerankDeps = {
  registry: AiRegistry;
  workspaceId: string;
  inTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  /** Tests shorten it; the default is AI_RERANK_BUDGET_MS. */
  budgetMs?: number;
};

export async function aiRerankStep<S extends Rankable>(
  deps: AiRerankDeps,
  query: string,
  suggestions: S[],
): Promise<{ suggestions: S[]; warnings: string[]; reranked: boolean }> {
  const unchanged = (warnings: string[] = []) => ({ suggestions, warnings, reranked: false });
  if (suggestions.length < 2) return unchanged();
  const budgetMs = deps.budgetMs ?? AI_RERANK_BUDGET_MS;
  const session = await openAiSession({
    registry: deps.registry,
    workspaceId: deps.workspaceId,
    inTenant: deps.inTenant,
    timeoutMs: budgetMs,
    maxAttempts: 1,
  });
  if (!session.settings.rerankSuggestions) return unchanged();
  if (!session.languageModel("rerank")) {
    return unchanged([
      "AI re-ranking is on, but no AI model is available for it (Settings → AI): local order kept.",
    ]);
  }
  let ranking: { id: string; score: number | null }[];
  try {
    ranking = await aiRerank(session, {
      query,
      candidates: suggestions.map((s) => ({
        id: s.templateId,
        text: `${s.name}\n${s.preview}`.slice(0, 1_500),
      })),
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    log.warn("AI re-ranking failed; local order kept", { workspaceId: deps.workspaceId, detail });
    if (error instanceof AppError && error.code === "GATEWAY_TIMEOUT") {
      return unchanged([
        `AI re-ranking did not answer within ${budgetMs / 1000} s: local order kept.`,
      ]);
    }
    return unchanged([`AI re-ranking failed (${detail.slice(0, 200)}): local order kept.`]);
  }
  const byId = new Map(suggestions.map((s) => [s.templateId, s]));
  const reordered = ranking.flatMap((r, i) => {
    const s = byId.get(r.id);
    return s ? [{ ...s, rank: i + 1, reasons: { ...s.reasons, aiScore: r.score } } as S] : [];
  });
  return { suggestions: reordered, warnings: [], reranked: true };
}
