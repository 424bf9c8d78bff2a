import { and, asc, desc, eq, gt, isNull, ne, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { conversationMessages, conversations, memberships, users } from "@/db/schema";
import { notFound } from "@/server/errors";
import { cursorTimeOf, timeIdCursor } from "@/server/validation/time-id-cursor";
import type { TenantScope } from "@/server/workspaces/scope";
import type { ListFilter } from "./schemas";

/** Who the caller is as a person; API keys have no "mine". */
export function callerUserId(scope: TenantScope): string | null {
  return scope.actor.type === "user" ? scope.actor.userId : null;
}

const summaryColumns = {
  id: conversations.id,
  source: conversations.source,
  externalId: conversations.externalId,
  customer: conversations.customer,
  language: conversations.language,
  channel: conversations.channel,
  status: conversations.status,
  assigneeId: conversations.assigneeId,
  outcome: conversations.outcome,
  csat: conversations.csat,
  preview: conversations.preview,
  customerSignedName: conversations.customerSignedName,
  messageCount: conversations.messageCount,
  lastMessageAt: conversations.lastMessageAt,
  changeSeq: conversations.changeSeq,
  createdAt: conversations.createdAt,
};

const listCursor = timeIdCursor(z.uuid());

/**
 * The conversation list: open (default), mine, unassigned, pending, resolved or all, newest
 * activity first, `limit` at a time. Each item carries the `cursor` that asks for the ones after
 * it (keyset on last_message_at, id), so the list pages without changing its shape.
 */
export async function listConversations(
  scope: TenantScope,
  input: { filter: ListFilter; limit: number; cursor?: string | null },
) {
  const me = callerUserId(scope);
  const where: Record<ListFilter, SQL | undefined> = {
    open: eq(conversations.status, "open"),
    pending: eq(conversations.status, "pending"),
    resolved: eq(conversations.status, "resolved"),
    unassigned: and(isNull(conversations.assigneeId), ne(conversations.status, "resolved")),
    // An API key is nobody: its "mine" is empty rather than everything.
    mine: me
      ? and(eq(conversations.assigneeId, me), ne(conversations.status, "resolved"))
      : eq(conversations.id, "00000000-0000-0000-0000-000000000000"),
    all: undefined,
  };
  const after = input.cursor ? listCursor.decode(input.cursor) : null;
  const rows = await scope.tx
    .select({ ...summaryColumns, cursorTime: cursorTimeOf(conversations.lastMessageAt) })
    .from(conversations)
    .where(
      and(
        where[input.filter],
        after
          ? sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${after.t}::timestamptz, ${after.i}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(input.limit);
  return rows.map(({ cursorTime, ...row }) => ({
    ...row,
    cursor: listCursor.encode({ t: cursorTime, i: row.id }),
  }));
}

/**
 * How many conversations each list filter holds (the inbox's tabs): one pass over the
 * workspace's conversations.
 */
export async function countConversations(scope: TenantScope) {
  const me = callerUserId(scope);
  const notResolved = sql`${conversations.status} <> 'resolved'`;
  const [row] = await scope.tx
    .select({
      open: sql<number>`count(*) filter (where ${conversations.status} = 'open')::int`,
      pending: sql<number>`count(*) filter (where ${conversations.status} = 'pending')::int`,
      resolved: sql<number>`count(*) filter (where ${conversations.status} = 'resolved')::int`,
      unassigned: sql<number>`count(*) filter (where ${conversations.assigneeId} is null and ${notResolved})::int`,
      mine: me
        ? sql<number>`count(*) filter (where ${conversations.assigneeId} = ${me} and ${notResolved})::int`
        : sql<number>`0`,
    })
    .from(conversations);
  return {
    open: Number(row?.open ?? 0),
    mine: Number(row?.mine ?? 0),
    unassigned: Number(row?.unassigned ?? 0),
    pending: Number(row?.pending ?? 0),
    resolved: Number(row?.resolved ?? 0),
  };
}

export type ConversationSummary = Awaited<ReturnType<typeof listConversations>>[number];

/** One conversation with its thread (oldest first) and the assignee's name. */
export async function getConversation(scope: TenantScope, id: string) {
  const [conversation] = await scope.tx
    .select(summaryColumns)
    .from(conversations)
    .where(eq(conversations.id, id));
  if (!conversation) throw notFound("Conversation");
  const messages = await scope.tx
    .select({
      id: conversationMessages.id,
      role: conversationMessages.role,
      text: conversationMessages.text,
      templateId: conversationMessages.templateId,
      editDistance: conversationMessages.editDistance,
      delivery: conversationMessages.delivery,
      authorName: users.name,
      createdAt: conversationMessages.createdAt,
    })
    .from(conversationMessages)
    .leftJoin(users, eq(users.id, conversationMessages.authorId))
    .where(eq(conversationMessages.conversationId, id))
    .orderBy(asc(conversationMessages.createdAt), asc(conversationMessages.id))
    .limit(1000);
  return { ...conversation, messages };
}

/** Members an agent can assign a conversation to. */
export async function listAssignees(scope: TenantScope) {
  return scope.tx
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .orderBy(asc(users.email));
}

/** Conversations changed after `afterSeq` (the event stream's replay). */
export async function changesAfter(scope: Pick<TenantScope, "tx">, afterSeq: number) {
  return scope.tx
    .select({
      id: conversations.id,
      status: conversations.status,
      changeSeq: conversations.changeSeq,
      lastMessageAt: conversations.lastMessageAt,
    })
    .from(conversations)
    .where(gt(conversations.changeSeq, afterSeq))
    .orderBy(asc(conversations.changeSeq))
    .limit(200);
}
