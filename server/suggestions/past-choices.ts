import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { suggestionEvents, templates } from "@/db/schema";
import { notFound } from "@/server/errors";
import { exampleTextHash, insertTrainingExamples } from "@/server/training/examples/store";
import type { DecidedChoice } from "./choice-index";

/** How many of the workspace's most recent decided events are compared with a message. */
export const PAST_CHOICES_WINDOW = 2_000;
/** Message text kept with an event (and so in an agent_choice example). */
const MAX_EVENT_TEXT = 4_000;

/**
 * The workspace's most recent decided events (a bounded window, so neither the read nor the
 * comparison grows with history), newest first, for the in-memory choice index
 * (choice-index.ts). Read once per snapshot of the workspace's suggestion inputs.
 */
export async function recentDecidedChoices(tx: Tx): Promise<DecidedChoice[]> {
  const rows = await tx
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
        // and sorted them instead of reading the decided ones.
        sql`${suggestionEvents.decidedAt} > '-infinity'::timestamptz`,
      ),
    )
    .orderBy(desc(suggestionEvents.decidedAt))
    .limit(PAST_CHOICES_WINDOW);
  const out: DecidedChoice[] = [];
  for (const row of rows) {
    if (row.templateId)
      out.push({ templateId: row.templateId, textHash: row.textHash, tokens: row.tokens });
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
