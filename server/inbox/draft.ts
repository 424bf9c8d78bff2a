import { and, desc, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { conversationMessages, conversations } from "@/db/schema";
import { type AiSessionDeps, openAiSession } from "@/server/ai/ai-session";
import { aiDraftReply } from "@/server/ai/draft-reply";
import { aiEmbed } from "@/server/ai/embed";
import type { AiRegistry } from "@/server/ai/registry";
import { AppError, notFound } from "@/server/errors";
import { type KnowledgeSource, searchKnowledge } from "./knowledge-search";

/**
 * `inbox.draft` (issue #13, point 4): a reply draft grounded in the workspace's FAQ/knowledge
 * datasets, or — with no provider — the closest FAQ answers. One short tenant transaction reads
 * the thread and retrieves; the provider is called outside it. Nothing is ever sent from here.
 */
export const draftInput = z.object({ conversationId: z.uuid() });

const draftSource = z.object({
  /** Stable for a dataset row: `${datasetId}:${line}`. */
  id: z.string(),
  title: z.string(),
  snippet: z.string(),
  datasetId: z.uuid(),
  datasetName: z.string(),
  line: z.number().int(),
  kind: z.enum(["faq", "article"]),
});
export type DraftSourceOut = z.infer<typeof draftSource>;

export const draftOutput = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("ai"),
    reply: z.string(),
    model: z.string(),
    /** The sources the draft relies on, in the order the model cited them (only real ones). */
    sources: z.array(draftSource),
    /** The model cited nothing: the draft is not grounded in the workspace's knowledge. */
    ungrounded: z.boolean(),
    ranking: z.enum(["full-text", "full-text+embeddings"]),
  }),
  z.object({
    mode: z.literal("faq"),
    /** Why no draft was written: no provider configured, or AI switched off. */
    reason: z.enum(["not_configured", "switched_off"]),
    sources: z.array(draftSource),
  }),
]);
export type DraftResult = z.infer<typeof draftOutput>;

export type DraftDeps = {
  workspaceId: string;
  inTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  registry: AiRegistry;
  signal?: AbortSignal;
  session?: Pick<AiSessionDeps, "backoffMs" | "timeoutMs" | "maxAttempts">;
};

const THREAD_MESSAGES = 8;
const SOURCES = 5;
/** Full-text candidates re-ranked by embeddings when an embedding model is configured. */
const CANDIDATES = 12;

const ROLE_LABEL: Record<string, string> = { customer: "Customer", agent: "Agent", bot: "Bot" };

/** The conversation's recent thread (notes left out: they are internal) and its search query. */
async function readThread(tx: Tx, conversationId: string) {
  const [conversation] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  if (!conversation) throw notFound("Conversation");
  const recent = await tx
    .select({ role: conversationMessages.role, text: conversationMessages.text })
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.conversationId, conversationId),
        ne(conversationMessages.role, "note"),
      ),
    )
    .orderBy(desc(conversationMessages.createdAt), desc(conversationMessages.id))
    .limit(THREAD_MESSAGES);
  const thread = recent.reverse();
  const customer = thread.filter((m) => m.role === "customer").map((m) => m.text);
  return {
    transcript: thread.map((m) => `${ROLE_LABEL[m.role] ?? m.role}: ${m.text}`).join("\n"),
    // The latest customer messages say what the reply must answer.
    query: customer.slice(-3).join("\n"),
  };
}

function toOut(s: KnowledgeSource): DraftSourceOut {
  return {
    id: `${s.datasetId}:${s.line}`,
    title: s.heading,
    snippet: s.text,
    datasetId: s.datasetId,
    datasetName: s.datasetName,
    line: s.line,
    kind: s.kind,
  };
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export async function draftReply(deps: DraftDeps, input: { conversationId: string }) {
  const session = await openAiSession({
    registry: deps.registry,
    workspaceId: deps.workspaceId,
    inTenant: deps.inTenant,
    signal: deps.signal,
    ...deps.session,
  });
  const embedding = session.embeddingModel();
  const { transcript, query, found } = await deps.inTenant(async (tx) => {
    const t = await readThread(tx, input.conversationId);
    const hits = await searchKnowledge(tx, {
      query: t.query,
      limit: embedding ? CANDIDATES : SOURCES,
    });
    return { ...t, found: hits };
  });

  if (!session.languageModel("draft")) {
    const faq = found.filter((s) => s.kind === "faq").slice(0, SOURCES);
    return {
      mode: "faq",
      reason: session.settings.enabled ? "not_configured" : "switched_off",
      sources: (faq.length ? faq : found.slice(0, SOURCES)).map(toOut),
    } satisfies DraftResult;
  }

  let sources = found.slice(0, SOURCES);
  let ranking: "full-text" | "full-text+embeddings" = "full-text";
  if (embedding && found.length > 1) {
    try {
      const [q, ...docs] = await aiEmbed(session, [
        query,
        ...found.map((s) => `${s.heading}\n${s.text}`),
      ]);
      if (q) {
        sources = found
          .map((s, i) => ({ s, score: cosine(q, docs[i] ?? []) }))
          .sort((a, b) => b.score - a.score)
          .slice(0, SOURCES)
          .map((r) => r.s);
        ranking = "full-text+embeddings";
      }
    } catch (error) {
      // Embeddings only refine the order: the full-text ranking still grounds the draft.
      if (!(error instanceof AppError)) throw error;
    }
  }

  const draft = await aiDraftReply(session, { message: transcript, sources });
  const choice = session.languageModel("draft");
  return {
    mode: "ai",
    reply: draft.reply,
    model: choice ? `${choice.provider}:${choice.modelId}` : "",
    sources: draft.cited.flatMap((n) => {
      const s = sources[n - 1];
      return s ? [toOut(s)] : [];
    }),
    ungrounded: draft.ungrounded,
    ranking,
  } satisfies DraftResult;
}
