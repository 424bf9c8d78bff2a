import { asc, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { templateUsageEvents } from "@/db/schema";

/**
 * Append-only usage events (suggestion shown/chosen, sent, resolved) that analytics roll up.
 * Never updated: the application role has no UPDATE or DELETE on the table.
 */
export type UsageEventKind = "suggestion_shown" | "suggestion_chosen" | "sent" | "resolved";

export type NewUsageEvent = {
  kind: UsageEventKind;
  conversationId: string;
  messageId?: string | null;
  templateId?: string | null;
  actorId?: string | null;
  rank?: number | null;
  editDistance?: number | null;
  outcome?: string | null;
  csat?: number | null;
};

export async function appendUsageEvents(
  tx: Tx,
  workspaceId: string,
  events: readonly NewUsageEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(templateUsageEvents).values(
    events.map((e) => ({
      workspaceId,
      kind: e.kind,
      conversationId: e.conversationId,
      messageId: e.messageId ?? null,
      templateId: e.templateId ?? null,
      actorId: e.actorId ?? null,
      rank: e.rank ?? null,
      editDistance: e.editDistance ?? null,
      outcome: e.outcome ?? null,
      csat: e.csat ?? null,
    })),
  );
}

/** A conversation's usage events, oldest first (the API's view; analytics read roll-ups). */
export async function listUsageEvents(tx: Tx, conversationId: string) {
  return tx
    .select({
      kind: templateUsageEvents.kind,
      templateId: templateUsageEvents.templateId,
      messageId: templateUsageEvents.messageId,
      rank: templateUsageEvents.rank,
      editDistance: templateUsageEvents.editDistance,
      outcome: templateUsageEvents.outcome,
      csat: templateUsageEvents.csat,
      createdAt: templateUsageEvents.createdAt,
    })
    .from(templateUsageEvents)
    .where(eq(templateUsageEvents.conversationId, conversationId))
    .orderBy(asc(templateUsageEvents.createdAt), asc(templateUsageEvents.kind))
    .limit(1000);
}
