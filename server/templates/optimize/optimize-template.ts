import { templateOptimizations } from "@/db/schema";
import { type AiSessionDeps, openAiSession } from "@/server/ai/ai-session";
import { aiOptimizeTemplate, type OptimizeStreamEvents } from "@/server/ai/optimize-template";
import type { AiRegistry } from "@/server/ai/registry";
import { getTemplate, type TemplateDetail } from "../store/read-template";
import { actingUserId, type TemplateScope } from "../store/template-scope";
import { type ExpectedGain, expectedGain } from "./expected-gain";
import {
  analyseTemplate,
  type Finding,
  optimizeLocally,
  placeholderNames,
} from "./local-optimizer";

/** A tenant transaction of the caller's workspace, opened only around what needs the database. */
export type InTemplateScope = <T>(fn: (scope: TemplateScope) => Promise<T>) => Promise<T>;

export type OptimizeDeps = {
  workspaceId: string;
  inTenant: InTemplateScope;
  registry: AiRegistry;
  signal?: AbortSignal;
  session?: Pick<AiSessionDeps, "backoffMs" | "timeoutMs" | "maxAttempts">;
};

export type OptimizeResult = {
  optimizationId: string;
  templateId: string;
  baseVersion: number;
  /** ai: written by a model; local: the rule-based optimiser, not AI-written. */
  source: "ai" | "local";
  model: string | null;
  /** Said plainly when the result is not AI-written, and why. */
  notice: string | null;
  originalTemplate: string;
  optimizedTemplate: string;
  improvementAreas: { area: string; change: string }[];
  /** Rule-based findings about the original (the same rules with or without a provider). */
  findings: Finding[];
  expectedPerformanceGain: ExpectedGain;
};

const LOCAL_NOTICE = {
  off: "AI is switched off for this workspace: these are rule-based suggestions, not AI-written.",
  none: "No AI provider is configured for template optimisation: these are rule-based suggestions from Parley's local optimiser, not AI-written.",
};

/**
 * Template optimisation: read the template (one short transaction), call the provider outside
 * any transaction (or run the local optimiser), then record the proposal (another). Nothing
 * changes the template until someone accepts it (optimizations.ts).
 */
export async function optimizeTemplate(
  deps: OptimizeDeps,
  input: { templateId: string; goal?: string | null },
  events: OptimizeStreamEvents = {},
): Promise<OptimizeResult> {
  const template = await deps.inTenant((scope) => getTemplate(scope, input.templateId));
  const session = await openAiSession({
    registry: deps.registry,
    workspaceId: deps.workspaceId,
    inTenant: (fn) => deps.inTenant((scope) => fn(scope.tx)),
    signal: deps.signal,
    ...deps.session,
  });
  const declared = template.variables.map((v) => v.name);
  const { findings } = analyseTemplate(template.content, declared, template.language);
  const goal = input.goal?.trim() || null;
  let proposal: Pick<
    OptimizeResult,
    "source" | "model" | "notice" | "optimizedTemplate" | "improvementAreas"
  >;
  if (session.languageModel("optimize")) {
    const ai = await aiOptimizeTemplate(
      session,
      {
        content: template.content,
        placeholders: placeholderNames(template.content),
        goal,
        language: template.language,
        placeholdersOf: placeholderNames,
      },
      events,
    );
    proposal = {
      source: "ai",
      model: ai.model,
      notice: null,
      optimizedTemplate: ai.optimizedTemplate,
      improvementAreas: ai.improvementAreas,
    };
  } else {
    const local = optimizeLocally(template.content, declared, template.language);
    events.onText?.(local.optimizedTemplate);
    proposal = {
      source: "local",
      model: null,
      notice: session.settings.enabled ? LOCAL_NOTICE.none : LOCAL_NOTICE.off,
      optimizedTemplate: local.optimizedTemplate,
      improvementAreas: local.improvementAreas,
    };
  }
  const gain = expectedGain(template);
  const optimizationId = await deps.inTenant((scope) =>
    recordProposal(scope, template, { ...proposal, goal, gain }),
  );
  return {
    optimizationId,
    templateId: template.id,
    baseVersion: template.currentVersion,
    ...proposal,
    originalTemplate: template.content,
    findings,
    expectedPerformanceGain: gain,
  };
}

async function recordProposal(
  scope: TemplateScope,
  template: TemplateDetail,
  p: Pick<OptimizeResult, "source" | "model" | "optimizedTemplate" | "improvementAreas"> & {
    goal: string | null;
    gain: ExpectedGain;
  },
): Promise<string> {
  const [row] = await scope.tx
    .insert(templateOptimizations)
    .values({
      workspaceId: scope.workspace.id,
      templateId: template.id,
      baseVersion: template.currentVersion,
      requestedBy: actingUserId(scope),
      source: p.source,
      model: p.model,
      goal: p.goal,
      originalContent: template.content,
      optimizedContent: p.optimizedTemplate,
      improvementAreas: p.improvementAreas,
      expectedGain: p.gain,
    })
    .returning({ id: templateOptimizations.id });
  await scope.audit({
    action: "template.optimize",
    entityType: "template",
    entityId: template.id,
    summary: { name: template.name, source: p.source, model: p.model, optimization: row?.id },
  });
  return row?.id ?? "";
}
