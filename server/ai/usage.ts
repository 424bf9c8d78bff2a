import { and, count, desc, eq, gte, sql, sum } from "drizzle-orm";
import type { Tx } from "@/db";
import { aiCalls } from "@/db/schema";
import { AppError } from "@/server/errors";
import type { WorkspaceAi } from "./settings";
import type { AiUseCase } from "./use-cases";

export type AiCallOutcome =
  | "ok"
  | "refused"
  | "rate_limited"
  | "timed_out"
  | "failed"
  | "invalid_output";

export type AiCallRecord = {
  useCase: AiUseCase;
  label: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  costMicroUsd: number | null;
  outcome: AiCallOutcome;
  error: string | null;
};

export async function recordAiCall(tx: Tx, workspaceId: string, call: AiCallRecord): Promise<void> {
  await tx
    .insert(aiCalls)
    .values({ workspaceId, ...call, error: call.error?.slice(0, 500) ?? null });
}

function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Calls and tokens of the current UTC day. */
export async function usedToday(tx: Tx, workspaceId: string, now = new Date()) {
  const [row] = await tx
    .select({
      calls: count(),
      tokens: sum(sql<number>`${aiCalls.inputTokens} + ${aiCalls.outputTokens}`).mapWith(Number),
    })
    .from(aiCalls)
    .where(and(eq(aiCalls.workspaceId, workspaceId), gte(aiCalls.createdAt, startOfUtcDay(now))));
  return { calls: row?.calls ?? 0, tokens: row?.tokens ?? 0 };
}

/** Refuses a call when the workspace's daily budget is spent (checked before every attempt). */
export async function requireBudget(
  tx: Tx,
  workspaceId: string,
  ai: WorkspaceAi,
  now = new Date(),
) {
  if (ai.dailyCallLimit === null && ai.dailyTokenLimit === null) return;
  const used = await usedToday(tx, workspaceId, now);
  const calls = ai.dailyCallLimit !== null && used.calls >= ai.dailyCallLimit;
  const tokens = ai.dailyTokenLimit !== null && used.tokens >= ai.dailyTokenLimit;
  if (calls || tokens) {
    const what = calls
      ? `${used.calls} of ${ai.dailyCallLimit} AI calls`
      : `${used.tokens} of ${ai.dailyTokenLimit} AI tokens`;
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `This workspace's daily AI budget is spent (${what} today). It resets at 00:00 UTC; an admin can raise it in Settings → AI.`,
    );
  }
}

export type UsageDay = {
  day: string;
  useCase: string;
  calls: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  costMicroUsd: number | null;
  avgLatencyMs: number;
};

/** Totals per UTC day and use case over the last `days` days, newest first. */
export async function usageByDay(tx: Tx, workspaceId: string, days: number, now = new Date()) {
  const since = new Date(startOfUtcDay(now).getTime() - (days - 1) * 86_400_000);
  const day = sql<string>`to_char(${aiCalls.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await tx
    .select({
      day,
      useCase: aiCalls.useCase,
      calls: count(),
      failures: sql<number>`count(*) filter (where ${aiCalls.outcome} <> 'ok')`.mapWith(Number),
      inputTokens: sum(aiCalls.inputTokens).mapWith(Number),
      outputTokens: sum(aiCalls.outputTokens).mapWith(Number),
      costMicroUsd: sum(aiCalls.costMicroUsd).mapWith(Number),
      avgLatencyMs: sql<number>`round(avg(${aiCalls.latencyMs}))`.mapWith(Number),
    })
    .from(aiCalls)
    .where(and(eq(aiCalls.workspaceId, workspaceId), gte(aiCalls.createdAt, since)))
    .groupBy(day, aiCalls.useCase)
    .orderBy(desc(day), aiCalls.useCase);
  return rows satisfies UsageDay[];
}

/** The latest calls, for the usage page's log. */
export async function recentCalls(tx: Tx, workspaceId: string, limit: number) {
  return tx
    .select({
      id: aiCalls.id,
      createdAt: aiCalls.createdAt,
      useCase: aiCalls.useCase,
      label: aiCalls.label,
      provider: aiCalls.provider,
      model: aiCalls.model,
      inputTokens: aiCalls.inputTokens,
      outputTokens: aiCalls.outputTokens,
      latencyMs: aiCalls.latencyMs,
      costMicroUsd: aiCalls.costMicroUsd,
      outcome: aiCalls.outcome,
    })
    .from(aiCalls)
    .where(eq(aiCalls.workspaceId, workspaceId))
    .orderBy(desc(aiCalls.createdAt))
    .limit(limit);
}
