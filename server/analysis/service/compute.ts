/**
 * The computing part of a run, with no database: predict → cluster (gaps) → patterns → the
 * seed's summary. Each gap's messages get their similarity to the gap and the agent's reply.
 */
import { randomUUID } from "node:crypto";
import { DEFAULT_GAP_OPTIONS, detectGaps, type Gap, type GapOptions } from "../gaps";
import { detectPatterns, type Pattern } from "../patterns";
import { analyzeConversationData, type ConversationAnalysis } from "../summary";
import { centralities } from "./centrality";
import { type RunEvaluation, runEvaluation } from "./evaluation";
import { type AnalysisModel, predictMessages } from "./model";
import type { ThreadedOutcomes } from "./predict-in-threads";
import type { SourceMessage } from "./sources";

export interface ComputedGap extends Gap {
  /** The row id it will be stored under (insights refer to it). */
  id: string;
  messages: {
    ref: string;
    text: string;
    reply: string | null;
    similarity: number;
    at: Date | null;
  }[];
}

/** The seed's summary with each template id's current name (what `analysis.run` returns). */
export interface NamedConversationAnalysis
  extends Omit<ConversationAnalysis, "commonFailurePoints" | "improvementAreas"> {
  commonFailurePoints: (ConversationAnalysis["commonFailurePoints"][number] & {
    expectedName: string | null;
    suggestedName: string | null;
  })[];
  improvementAreas: (ConversationAnalysis["improvementAreas"][number] & {
    templateName: string | null;
  })[];
}

export interface ComputedPattern extends Pattern {
  id: string;
}

/** What a run computed; small enough to post back from the worker (no per-message scores). */
export interface ComputedRun {
  /** Messages analysed. */
  messages: number;
  /** Threads that scored them (predict-in-threads.ts). */
  scoredOnThreads: number;
  unconfident: number;
  period: { from: Date; to: Date } | null;
  gaps: ComputedGap[];
  patterns: ComputedPattern[];
  summary: ConversationAnalysis;
  /** The top suggestion vs the agent's template on these messages (insights). */
  evaluation: RunEvaluation;
}

/** The span of the messages' timestamps, when at least two differ; else null. */
export function periodOfMessages(messages: readonly SourceMessage[]) {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const m of messages) {
    if (!m.at) continue;
    min = Math.min(min, m.at.getTime());
    max = Math.max(max, m.at.getTime());
  }
  return max > min ? { from: new Date(min), to: new Date(max + 1) } : null;
}

export type ComputeStage = "predict" | "cluster" | "patterns" | "summary";

/**
 * Stages are announced before they start (`onStage` may report progress). `predict` scores the
 * messages (default: predictMessages on this thread; the analysis worker splits it over threads,
 * predict-in-threads.ts, with the same outcomes).
 */
export async function computeRun(
  messages: readonly SourceMessage[],
  model: AnalysisModel | null,
  period: { from: Date; to: Date } | null,
  onStage: (stage: ComputeStage) => Promise<void> = async () => {},
  options: GapOptions = DEFAULT_GAP_OPTIONS,
  predict: (messages: readonly SourceMessage[]) => Promise<ThreadedOutcomes> | ThreadedOutcomes = (
    m,
  ) => ({ outcomes: predictMessages(model, m), threads: 1 }),
): Promise<ComputedRun> {
  await onStage("predict");
  const { outcomes, threads } = await predict(messages);
  await onStage("cluster");
  const detection = detectGaps(outcomes, options, undefined, period ?? undefined);
  const byRef = new Map(messages.map((m) => [m.ref, m]));
  const gaps = detection.gaps.map((gap): ComputedGap => {
    const members = gap.messageIds.map((id) => byRef.get(id) as SourceMessage);
    const similarity = centralities(members.map((m) => m.text));
    return {
      ...gap,
      id: randomUUID(),
      messages: members
        .map((m, i) => ({
          ref: m.ref,
          text: m.text,
          reply: m.reply,
          similarity: similarity[i] ?? 0,
          at: m.at,
        }))
        .sort((a, b) => b.similarity - a.similarity),
    };
  });
  await onStage("patterns");
  // Without a period (undated messages) topics still come out, with sizes and no trend.
  const patterns = detectPatterns(outcomes, period, options).map((p) => ({
    ...p,
    id: randomUUID(),
  }));
  await onStage("summary");
  return {
    messages: outcomes.length,
    scoredOnThreads: threads,
    unconfident: detection.unconfident,
    period,
    gaps,
    patterns,
    summary: analyzeConversationData(outcomes),
    evaluation: runEvaluation(outcomes),
  };
}

/** The summary with each template id's current name (null: deleted, or not a template). */
export function namedSummary(
  summary: ConversationAnalysis,
  names: ReadonlyMap<string, string>,
): NamedConversationAnalysis {
  const name = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
  return {
    ...summary,
    commonFailurePoints: summary.commonFailurePoints.map((f) => ({
      ...f,
      expectedName: name(f.expected),
      suggestedName: name(f.suggested),
    })),
    improvementAreas: summary.improvementAreas.map((a) => ({
      ...a,
      templateName: name(a.templateId),
    })),
  };
}

/** Every template id a run's results mention (for one name lookup). */
export function templateIdsOf(run: ComputedRun): string[] {
  const ids = new Set<string>();
  for (const f of run.summary.commonFailurePoints) {
    ids.add(f.expected);
    if (f.suggested) ids.add(f.suggested);
  }
  for (const a of run.summary.improvementAreas) ids.add(a.templateId);
  for (const g of run.gaps) {
    if (g.suggestedAction.kind === "add_examples") ids.add(g.suggestedAction.label);
  }
  return [...ids];
}
