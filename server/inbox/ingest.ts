import { sql } from "drizzle-orm";
import { readRows } from "@/db/migrate";
import { conversationMessages, conversations } from "@/db/schema";
import { customerNameFrom } from "@/server/suggestions/extract-values";
import type { TenantScope } from "@/server/workspaces/scope";
import { announceInboxChange, nextChangeSeq } from "./changes";
import type { IngestInput, IngestResult } from "./schemas";
import { appendReopenedEvents } from "./usage-events";

const PREVIEW_CHARS = 280;

type Conversation = IngestInput["conversations"][number];

/**
 * Stores a batch pushed by a help desk, idempotent on external ids: a conversation is found by
 * (source, external id) and its customer attributes merged; a message already stored under its
 * (conversation, source, external id) is skipped, so the same batch twice stores nothing twice.
 * Four statements per batch whatever its size (upsert conversations, insert messages, update
 * the conversations that got messages, NOTIFY), in the caller's tenant transaction.
 */
export async function ingestBatch(scope: TenantScope, input: IngestInput): Promise<IngestResult> {
  const { tx, workspace } = scope;
  const batch = mergeDuplicates(input.conversations);
  const received = input.conversations.reduce((sum, c) => sum + c.messages.length, 0);
  // Sorted so that concurrent batches lock conversation rows in one order (no deadlocks).
  batch.sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));
  const upserted = await tx
    .insert(conversations)
    .values(
      batch.map((c) => ({
        workspaceId: workspace.id,
        source: input.source,
        externalId: c.externalId,
        customer: c.customer ?? {},
        language: c.language ?? null,
        channel: c.channel ?? "chat",
      })),
    )
    .onConflictDoUpdate({
      target: [conversations.workspaceId, conversations.source, conversations.externalId],
      // Newer attributes win key by key; a batch without them leaves them as they were.
      set: {
        customer: sql`conversations.customer || excluded.customer`,
        language: sql`coalesce(excluded.language, conversations.language)`,
      },
    })
    .returning({ id: conversations.id, externalId: conversations.externalId });
  const idOf = new Map(upserted.map((row) => [row.externalId, row.id]));

  const now = new Date();
  const messageRows = batch.flatMap((c) => {
    const conversationId = idOf.get(c.externalId);
    if (!conversationId) throw new Error(`conversation ${c.externalId} was not upserted`);
    return c.messages.map((m) => ({
      workspaceId: workspace.id,
      conversationId,
      role: m.role,
      source: input.source,
      externalId: m.externalId,
      text: m.text,
      createdAt: m.createdAt ?? now,
    }));
  });
  const stored =
    messageRows.length === 0
      ? []
      : await tx.insert(conversationMessages).values(messageRows).onConflictDoNothing().returning({
          conversationId: conversationMessages.conversationId,
          role: conversationMessages.role,
          text: conversationMessages.text,
          createdAt: conversationMessages.createdAt,
        });

  if (stored.length > 0) {
    await touchConversations(scope, stored);
    await announceInboxChange(tx, workspace.id);
  }
  return {
    conversations: batch.length,
    received,
    stored: stored.length,
    duplicates: received - stored.length,
  };
}

/** The same conversation twice in one batch is one conversation; a repeated message id, one message. */
function mergeDuplicates(list: Conversation[]): Conversation[] {
  const byId = new Map<string, Conversation>();
  for (const c of list) {
    const seen = byId.get(c.externalId);
    if (!seen) {
      byId.set(c.externalId, { ...c, messages: [...c.messages] });
      continue;
    }
    seen.customer = { ...seen.customer, ...c.customer };
    seen.language = c.language ?? seen.language;
    seen.channel = c.channel ?? seen.channel;
    seen.messages.push(...c.messages);
  }
  for (const c of byId.values()) {
    const ids = new Set<string>();
    c.messages = c.messages.filter((m) => !ids.has(m.externalId) && ids.add(m.externalId));
  }
  return [...byId.values()];
}

type StoredMessage = { conversationId: string; role: string; text: string; createdAt: Date };

type ConversationTouch = {
  count: number;
  lastAt: Date;
  preview: string | null;
  previewAt: number;
  /** The newest sign-off name among the customer messages received (customerNameFrom). */
  signedName: string | null;
  signedAt: number;
  customer: boolean;
};

/**
 * One UPDATE for every conversation that received messages: counts, last activity, the preview
 * (last customer message), the name the customer last signed with (read from whole messages:
 * the preview keeps a long message's start, the sign-off ends it) and a new change_seq; a
 * resolved conversation that hears from its customer again is reopened, its outcome "reopened".
 */
async function touchConversations(scope: TenantScope, stored: StoredMessage[]): Promise<void> {
  const summary = new Map<string, ConversationTouch>();
  for (const m of stored) {
    const entry = summary.get(m.conversationId) ?? {
      count: 0,
      lastAt: m.createdAt,
      preview: null,
      previewAt: -Infinity,
      signedName: null,
      signedAt: -Infinity,
      customer: false,
    };
    entry.count++;
    if (m.createdAt > entry.lastAt) entry.lastAt = m.createdAt;
    if (m.role === "customer") {
      entry.customer = true;
      const at = m.createdAt.getTime();
      if (at >= entry.previewAt) {
        entry.preview = m.text.slice(0, PREVIEW_CHARS);
        entry.previewAt = at;
      }
      const name = at >= entry.signedAt ? customerNameFrom([m.text]) : undefined;
      if (name) {
        entry.signedName = name;
        entry.signedAt = at;
      }
    }
    summary.set(m.conversationId, entry);
  }
  const values = [...summary.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(
      ([id, s]) =>
        sql`(${id}::uuid, ${s.count}::int, ${s.lastAt.toISOString()}::timestamptz, ${s.preview}::text, ${s.signedName}::text, ${s.customer}::boolean)`,
    );
  const updated = readRows<{ id: string; reopened: boolean }>(
    await scope.tx.execute(sql`
    update conversations c set
      message_count = c.message_count + v.n,
      last_message_at = greatest(c.last_message_at, v.last_at),
      preview = coalesce(v.preview, c.preview),
      customer_signed_name = coalesce(v.signed_name, c.customer_signed_name),
      outcome = case when v.customer and c.status = 'resolved' then 'reopened' else c.outcome end,
      status = case when v.customer and c.status = 'resolved' then 'open' else c.status end,
      change_seq = ${nextChangeSeq},
      updated_at = now()
    from (values ${sql.join(values, sql`, `)}) as v(id, n, last_at, preview, signed_name, customer),
      conversations before
    where c.id = v.id and before.id = c.id and c.workspace_id = ${scope.workspace.id}
    returning c.id, (v.customer and before.status = 'resolved') as reopened`),
  );
  await appendReopenedEvents(
    scope.tx,
    scope.workspace.id,
    updated.filter((r) => r.reopened).map((r) => r.id),
  );
}
