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

/**
 * Writes a batch of suggestion events (event-buffer.ts) as one insert: the rows go as one JSON
 * parameter that PostgreSQL unpacks (json_to_recordset). Built with drizzle's insert, the
 * ten parameters per row, two of them arrays, cost ≈ 4 % of the API's CPU under load
 * (bench/suggest-http.ts profile); one JSON.stringify costs a fraction of that.
 */
export async function recordSuggestions(
  tx: Tx,
  events: readonly NewSuggestionEvent[],
): Promise<void> {
  if (events.length === 0) return;
  // Suggestion events are usage records, not changes anyone relies on surviving a crash: the
  // commit need not wait for the WAL flush (≈ 10 ms on a busy disk). A crash can lose the last
  // few events; it cannot corrupt anything (PostgreSQL's asynchronous commit).
  await tx.execute(sql`set local synchronous_commit = off`);
  const rows = events.map((event) => ({
    id: event.id,
    workspace_id: event.workspaceId,
    conversation_id: event.conversationId === null ? null : jsonSafe(event.conversationId),
    text: jsonSafe(event.text.slice(0, MAX_EVENT_TEXT)),
    text_hash: exampleTextHash(event.text),
    tokens: event.tokens.map(jsonSafe),
    suggested_template_ids: event.suggestedTemplateIds,
    confident: event.confident,
    model_version: event.modelVersion,
    requested_by: event.requestedBy,
  }));
  await tx.execute(sql`
    insert into suggestion_events (id, workspace_id, conversation_id, text, text_hash, tokens,
      suggested_template_ids, confident, model_version, requested_by)
    select id, workspace_id, conversation_id, text, text_hash, tokens, suggested_template_ids,
      confident, model_version, requested_by
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(id uuid, workspace_id uuid,
      conversation_id text, text text, text_hash text, tokens text[],
      suggested_template_ids uuid[], confident boolean, model_version integer, requested_by text)`);
}

/**
 * What PostgreSQL's JSON can carry into text: a lone surrogate (cutting the text at
 * MAX_EVENT_TEXT can split a pair) becomes U+FFFD, as the driver's UTF-8 encoding made it
 * before; NUL (refused at the edge, server/validation/text.ts) too, so one row cannot fail
 * the batch.
 */
function jsonSafe(text: string): string {
  return text.replace(/\p{Surrogate}|\0/gu, "\uFFFD");
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
