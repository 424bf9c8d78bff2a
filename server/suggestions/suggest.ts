import type { Tx } from "@/db/client";
import type { Listen } from "@/db/listen";
import {
  type AssignedVariant,
  assignedVariants,
  recordExposures,
  runningVariants,
} from "@/server/abtests/exposure";
import type { AiRegistry } from "@/server/ai/registry";
import { log } from "@/server/logger";
import type { RegexBudget } from "@/server/templates/regex/regex-budget";
import { exampleTextHash } from "@/server/training/examples/store";
import { AI_SWITCHES_OFF, scoreWithEmbedding } from "./ai-embed-step";
import { aiRerankStep } from "./ai-rerank-step";
import { similarChoices } from "./choice-index";
import { mergeContext, readConversationFacts } from "./conversation-context";
import { deployedModel, workspaceInputs } from "./deployed-model";
import { queueSuggestionEvent } from "./event-buffer";
import { type ExtractedValues, extractFromConversation } from "./extract-values";
import { intentNamesOf } from "./intent-names";
import { type LoadedModel, modelKey } from "./model-cache";
import { modelOnlyContenders } from "./model-contenders";
import { modelSignals, NO_MODEL_SIGNALS, unfamiliarWordsOf } from "./model-signals";
import type { SuggestionContext } from "./prefill";
import {
  isUnfamiliar,
  type NoConfidentReason,
  noConfidentReason,
  pastChoiceShares,
  type RankingBasis,
  rankTemplates,
  type TemplateSignals,
  UNTRAINED_THRESHOLD,
} from "./ranking";
import { type RenderedSuggestion, renderSuggestions } from "./render-suggestions";
import { analyseSentiment, type Sentiment } from "./sentiment";
import { ensureListening, serving } from "./serving";
import { matchText } from "./text-match";
import { contentTokens } from "./text-tokens";
import { type FiredTrigger, matchAllTriggers } from "./trigger-signals";

export interface SuggestScope {
  workspace: { id: string; locale: string; currency: string; timezone: string };
  /** The person asking (null for API keys): recorded with the suggestion. */
  userId: string | null;
  /** Opens a tenant transaction; the engine keeps them short and computes outside them. */
  inTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  /**
   * A read-only tenant transaction in one round trip (db/tenant-read.ts), for the request's
   * reads; absent: `inTenant`. Same RLS scope.
   */
  readInTenant?: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  /** The process's LISTEN (db handle), for deploy notifications. */
  listen: () => Promise<Listen>;
  /** Providers for the workspace's optional AI re-ranking and embeddings (Settings → AI); absent: never. */
  ai?: AiRegistry;
}

export interface SuggestInput {
  message: string;
  conversationId?: string;
  /** The conversation's earlier customer messages, oldest first (for pre-filling). */
  history?: string[];
  context?: SuggestionContext;
  limit: number;
}

export interface Suggestion extends RenderedSuggestion {
  rank: number;
  templateId: string;
  name: string;
  confidence: number;
  lowConfidence: boolean;
  reasons: {
    triggers: FiredTrigger[];
    modelProbability: number | null;
    textMatch: number;
    pastChoices: number;
    /** The AI re-ranker's score when the workspace re-ranks with AI (null: it skipped this one). */
    aiScore?: number | null;
  };
}

export interface SuggestResult {
  suggestionId: string;
  confident: boolean;
  noConfidentSuggestion: boolean;
  noConfidentReason: NoConfidentReason | null;
  /** Share of the message's word weight (idf) the deployed model was trained on; 1 without one. */
  knownWordShare: number;
  /** When too few were (`unfamiliar_words`): the first of the words it never saw; else empty. */
  unfamiliarWords: string[];
  threshold: number;
  model: { version: number } | null;
  sentiment: Sentiment;
  extracted: ExtractedValues;
  suggestions: Suggestion[];
  warnings: string[];
}

/**
 * Suggestions for one customer message. What it reads (catalog, deployed version, AI switches,
 * past choices) is kept per process and read again, in one short transaction, only when a
 * change was announced or the copy is a few seconds old; a named conversation's facts are read
 * in one short transaction. The model, triggers, text match and rendering run outside any
 * transaction (regex patterns in the worker pool under the request's budget); the answer is
 * recorded as a suggestion event, batched behind the answer, so feedback can refer to it.
 */
export async function suggestForMessage(
  scope: SuggestScope,
  input: SuggestInput,
  budget: RegexBudget,
): Promise<SuggestResult> {
  const state = serving();
  void ensureListening(state, scope.listen);
  const workspaceId = scope.workspace.id;
  const tokens = contentTokens(input.message);
  const textHash = exampleTextHash(input.message);

  const read = scope.readInTenant ?? scope.inTenant;
  // Kept per process (workspace-inputs.ts): a request that names no conversation usually opens
  // no transaction at all.
  const inputs = await workspaceInputs(state, workspaceId, read);
  const { catalog, deployed } = inputs;
  // An inbox conversation's customer attributes and earlier messages pre-fill too, and a
  // template under A/B test renders the conversation's assigned variant.
  const { thread, abVariants } = input.conversationId
    ? await read(async (tx) => {
        const [thread, abVariants] = await Promise.all([
          readConversationFacts(tx, input.conversationId, input.message),
          runningVariants(tx),
        ]);
        return { thread, abVariants };
      })
    : { thread: null, abVariants: [] };
  const choices = similarChoices(inputs.choices, { textHash, tokens });
  // The AI steps need providers: without them (the bench, the CLI) the switches do not apply.
  const aiSwitches = scope.ai ? inputs.aiSwitches : AI_SWITCHES_OFF;
  const loaded: LoadedModel | null = deployed
    ? await deployedModel(state, workspaceId, deployed, read)
    : null;

  const sentiment = analyseSentiment(input.message);
  const signals = new Map<string, TemplateSignals>();
  const signalFor = (templateId: string): TemplateSignals => {
    let s = signals.get(templateId);
    if (!s) {
      s = { templateId, modelProbability: null, triggerWeight: 0, textMatch: 0, pastChoices: 0 };
      signals.set(templateId, s);
    }
    return s;
  };

  // The model: calibrated probabilities for every template it knows that is still active.
  let fromModel = NO_MODEL_SIGNALS;
  const aiWarnings: string[] = [];
  if (loaded) {
    // A model trained with provider embeddings (issue #12 §6) gets the message's, if it can.
    const key = modelKey(workspaceId, loaded.versionId);
    const { scores, warnings } = await scoreWithEmbedding(
      { registry: scope.ai, workspaceId, inTenant: scope.inTenant, enabled: aiSwitches.embed },
      loaded.model,
      input.message,
      (extra) => state.scoring?.score(key, input.message, extra) ?? null,
    );
    aiWarnings.push(...warnings);
    fromModel = modelSignals(loaded, scores, (id) => catalog.byId.has(id));
  }
  const { topIntent, knownWordShare } = fromModel;

  const triggers = await matchAllTriggers(catalog, input.message, budget, {
    sentiment: sentiment.label,
    topIntent: topIntent ? intentNamesOf(catalog, loaded, topIntent) : null,
  });
  for (const [templateId, fired] of triggers.byTemplate) {
    const signal = signalFor(templateId);
    // An intent trigger restates the model's guess: worth that guess's probability (ranking.ts).
    for (const t of fired) {
      if (t.kind === "intent") signal.intentWeight = (signal.intentWeight ?? 0) + t.weight;
      else signal.triggerWeight += t.weight;
    }
  }
  for (const [doc, score] of matchText(catalog.text, tokens)) {
    const template = catalog.templates[doc];
    if (template && score > 0) signalFor(template.id).textMatch = score;
  }
  for (const [templateId, share] of pastChoiceShares(choices)) {
    if (catalog.byId.has(templateId)) signalFor(templateId).pastChoices = share;
  }
  // The model's probability joins each template another signal speaks for, and the few whose
  // only signal it is that can still make the answer's first `limit` (modelOnlyContenders).
  for (const signal of signals.values()) {
    const p = fromModel.probabilities.get(signal.templateId);
    if (p !== undefined) signal.modelProbability = p;
  }
  for (const [templateId, p] of modelOnlyContenders(
    fromModel.probabilities,
    (id) => signals.has(id),
    input.limit,
  )) {
    signalFor(templateId).modelProbability = p;
  }

  const threshold = loaded?.threshold ?? UNTRAINED_THRESHOLD;
  // Words the model never saw: its part is discounted, and only the other signals (a trigger, a
  // past choice) can make the answer confident (ranking.ts, known-words.ts).
  const basis: RankingBasis = {
    modelDeployed: loaded !== null,
    threshold,
    knownWordShare,
    intentProbability: fromModel.topIntentProbability,
  };
  const unfamiliar = isUnfamiliar(basis);
  const ranked = rankTemplates([...signals.values()], basis, input.limit);
  const top = ranked[0];
  const confident = top?.confident ?? false;
  const history = input.history ?? thread?.history ?? [];
  const extracted = extractFromConversation([...history, input.message]);
  // A/B tests: a template under test renders this conversation's variant body.
  const assigned = input.conversationId
    ? assignedVariants(
        abVariants,
        input.conversationId,
        ranked.map((r) => r.templateId),
      )
    : new Map<string, AssignedVariant>();
  const rendered = await renderSuggestions(
    ranked
      .map((r) => catalog.templates[catalog.byId.get(r.templateId) ?? -1])
      .filter((t) => t !== undefined)
      .map((t) => {
        const variant = assigned.get(t.id);
        return variant ? { ...t, content: variant.content } : t;
      }),
    {
      context: mergeContext(thread?.context, input.context),
      extracted,
      workspace: scope.workspace,
    },
    budget,
  );
  const warnings = [...aiWarnings, ...triggers.warnings, ...rendered.warnings];

  let suggestions: Suggestion[] = ranked.map((r, i) => {
    const template = catalog.templates[catalog.byId.get(r.templateId) ?? -1];
    const render = rendered.byId.get(r.templateId);
    return {
      rank: i + 1,
      templateId: r.templateId,
      name: template?.name ?? "",
      confidence: r.confidence,
      lowConfidence: !r.confident,
      reasons: {
        triggers: triggers.byTemplate.get(r.templateId) ?? [],
        modelProbability: r.modelProbability,
        textMatch: r.textMatch,
        pastChoices: r.pastChoices,
      },
      preview: render?.preview ?? "",
      values: render?.values ?? {},
      valueSources: render?.valueSources ?? {},
      missing: render?.missing ?? [],
      invalid: render?.invalid ?? [],
    };
  });

  // Issue #12 §6: optional AI re-ranking of the local top-k, outside any transaction.
  if (scope.ai && aiSwitches.rerank) {
    const step = await aiRerankStep(
      { registry: scope.ai, workspaceId, inTenant: scope.inTenant },
      input.message,
      suggestions,
    );
    suggestions = step.suggestions;
    warnings.push(...step.warnings);
  }

  // Recorded behind the answer, batched with the workspace's other suggestions (event-buffer.ts):
  // the event is a usage record that only feedback reads, seconds later, and feedback in this
  // process waits for it. Waiting for its commit would add a write transaction to every answer.
  const suggestionId = crypto.randomUUID();
  if (input.conversationId && assigned.size > 0) {
    // A/B exposures are rare (a template under test among the answers): written on their own.
    const conversationId = input.conversationId;
    void scope
      .inTenant((tx) => recordExposures(tx, workspaceId, conversationId, assigned))
      .catch((error: unknown) =>
        log.error("suggestions: could not record A/B exposures", {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
  }
  queueSuggestionEvent(
    {
      id: suggestionId,
      workspaceId,
      conversationId: input.conversationId ?? null,
      text: input.message,
      tokens,
      suggestedTemplateIds: suggestions.map((s) => s.templateId),
      confident,
      modelVersion: loaded?.version ?? null,
      requestedBy: scope.userId,
    },
    scope.inTenant,
  );
  return {
    suggestionId,
    confident,
    noConfidentSuggestion: !confident,
    noConfidentReason: noConfidentReason({
      confident,
      candidates: suggestions.length,
      unfamiliar,
      predictedOutOfScope: fromModel.predictedOutOfScope,
    }),
    knownWordShare,
    // Only for a declined message (rare): what to add to the training data is the point.
    unfamiliarWords: unfamiliar && loaded ? unfamiliarWordsOf(loaded, input.message) : [],
    threshold,
    model: loaded ? { version: loaded.version } : null,
    sentiment,
    extracted,
    suggestions,
    warnings,
  };
}
