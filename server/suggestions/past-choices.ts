import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { suggestionEvents, templates } from "@/db/schema";
import { notFound } from "@/server/errors";
import { exampleTextHash, insertTrainingExamples } from "@/server/training/examples/store";
import { jaccard } from "./text-tokens";

/** How many of the workspace's most recent decided events are compared with a message. */
export const PAST_CHOICES_WINDOW = 2_000;
/** Token overlap from which two messages count as "similar". */
export const SIMILARITY_FLOOR = 0.5;
/** Message text kept with an event (and so in an agent_choice example). */
const MAX_EVENT_TEXT = 4_000;

/**
 * Agents' choices for messages like this one: the same text (same hash as training examples
 * use) counts fully, otherwise the Jaccard overlap of content words when it reaches the floor.
 * Reads a bounded window of recent decided events, so the cost does not grow with history.
 */
export async function similarChoices(
  tx: Tx,
  message: { textHash: string; tokens: readonly string[] },
): Promise<{ templateId: string; similarity: number }[]> {
  if (message.tokens.length === 0) return [];
  const recent = tx
    .select({
      templateId: suggestionEvents.chosenTemplateId,
      textHash: suggestionEvents.textHash,
      tokens: suggestionEvents.tokens,
    })
    .from(suggestionEvents)
    .where(
      and(
        isNotNull(suggestionEvents.chosenTemplateId),
        // Always true of a decided event (feedback sets both), but a range on the partial
        // index's second column: without it a planner with stale statistics (autovacuum off,
        // as on the CI machine) read every event of the workspace through the created_at index
        // and sorted them, 1–11 ms per request after a few thousand answers, instead of
        // reading the decided ones (0.03 ms).
        sql`${suggestionEvents.decidedAt} > '-infinity'::timestamptz`,
      ),
    )
    .orderBy(desc(suggestionEvents.decidedAt))
    .limit(PAST_CHOICES_WINDOW)
    .as("recent");
  const rows = await tx
    .select()
    .from(recent)
    .where(
      sql`${recent.textHash} = ${message.textHash} or ${recent.tokens} && ${sql.param([...message.tokens])}::text[]`,
    );
  const out: { templateId: string; similarity: number }[] = [];
  for (const row of rows) {
    if (!row.templateId) continue;
    const similarity = row.textHash === message.textHash ? 1 : jaccard(row.tokens, message.tokens);
    if (similarity >= SIMILARITY_FLOOR) out.push({ templateId: row.templateId, similarity });
  }
  return out;
}

export interface NewSuggestionEvent {
  id: string;
  workspaceId: string;
  conversationId: string | null;
  text: string;
  tokens: string[];
  suggestedTemplateIds: string[];
  confident: boolean;
  modelVersion: number | null;
  requestedBy: string | null;
}

/** Writes a batch of suggestion events (event-buffer.ts) as one insert. */
export async function recordSuggestions(
  tx: Tx,
  events: readonly NewSuggestionEvent[],
): Promise<void> {
  if (events.length === 0) return;
  // Suggestion events are usage records, not changes anyone relies on surviving a crash: the
  // commit need not wait for the WAL flush (≈ 10 ms on a busy disk). A crash can lose the last
  // few events; it cannot corrupt anything (PostgreSQL's asynchronous commit).
  await tx.execute(sql`set local synchronous_commit = off`);
  await tx.insert(suggestionEvents).values(
    events.map((event) => ({
      ...event,
      text: event.text.slice(0, MAX_EVENT_TEXT),
      textHash: exampleTextHash(event.text),
    })),
  );
}

/**
 * What the agent did with a suggestion: used `chosenTemplateId` (any active template of the
 * workspace, suggested or not) or none (null). Recorded once; a second answer replaces the first
 * (an agent who changes their mind). A choice also becomes an `agent_choice` training example,
 * so the next training run learns it.
 */
export async function recordFeedback(
  tx: Tx,
  input: {
    workspaceId: string;
    suggestionId: string;
    chosenTemplateId: string | null;
    decidedBy: string | null;
  },
): Promise<{ recorded: true; trainingExample: boolean }> {
  const [event] = await tx
    .select({ id: suggestionEvents.id, text: suggestionEvents.text })
    .from(suggestionEvents)
    .where(eq(suggestionEvents.id, input.suggestionId));
  if (!event) throw notFound("Suggestion");
  if (input.chosenTemplateId !== null) {
    const [template] = await tx
      .select({ id: templates.id })
      .from(templates)
      .where(
        and(
          eq(templates.id, input.chosenTemplateId),
          eq(templates.status, "active"),
          isNull(templates.deletedAt),
          // What the catalog can suggest (catalog.ts): shared with everyone.
          eq(templates.visibility, "everyone"),
        ),
      );
    if (!template) throw notFound("Template");
  }
  await tx
    .update(suggestionEvents)
    .set({
      chosenTemplateId: input.chosenTemplateId,
      decidedAt: new Date(),
      decidedBy: input.decidedBy,
    })
    .where(eq(suggestionEvents.id, event.id));
  let trainingExample = false;
  if (input.chosenTemplateId !== null) {
    const { inserted } = await insertTrainingExamples(tx, input.workspaceId, [
      { text: event.text, templateId: input.chosenTemplateId, source: "agent_choice" },
    ]);
    trainingExample = inserted > 0;
  }
  return { recorded: true, trainingExample };
}
