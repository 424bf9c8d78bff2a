import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { conversationMessages, conversations, memberships, templates } from "@/db/schema";
import { exposeVariants } from "@/server/abtests/exposure";
import { notFound } from "@/server/errors";
import { outboundReplyJob } from "@/server/jobs/definitions/outbound-reply";
import { enqueueJob, jobActorOf } from "@/server/jobs/enqueue";
import { templateVisibleTo } from "@/server/templates/store/visibility";
import type { TenantScope } from "@/server/workspaces/scope";
import { announceInboxChange, nextChangeSeq } from "./changes";
import { callerUserId } from "./conversations";
import { editDistance } from "./edit-distance";
import type { ConversationStatus } from "./schemas";
import { readInboxSettings } from "./settings";
import { learnFromResolvedConversation } from "./training";
import {
  appendUsageEvents,
  type NewUsageEvent,
  replyDimensions,
  sentTemplateDimensions,
} from "./usage-events";

/** Messages written in Parley carry this source and a generated external id. */
export const PARLEY_SOURCE = "parley";

async function lockConversation(scope: TenantScope, id: string) {
  const [row] = await scope.tx
    .select({
      id: conversations.id,
      status: conversations.status,
      assigneeId: conversations.assigneeId,
      createdAt: conversations.createdAt,
    })
    .from(conversations)
    .where(eq(conversations.id, id))
    .for("update");
  if (!row) throw notFound("Conversation");
  return row;
}

async function insertMessage(
  scope: TenantScope,
  values: {
    conversationId: string;
    role: "agent" | "note";
    text: string;
    templateId?: string | null;
    editDistance?: number | null;
    delivery?: string | null;
  },
) {
  const [message] = await scope.tx
    .insert(conversationMessages)
    .values({
      workspaceId: scope.workspace.id,
      conversationId: values.conversationId,
      role: values.role,
      source: PARLEY_SOURCE,
      externalId: randomUUID(),
      text: values.text,
      authorId: callerUserId(scope),
      templateId: values.templateId ?? null,
      editDistance: values.editDistance ?? null,
      delivery: values.delivery ?? null,
    })
    .returning({ id: conversationMessages.id, createdAt: conversationMessages.createdAt });
  if (!message) throw new Error("message not inserted");
  return message;
}

/**
 * An agent's reply: stored with the template it started from and the edit distance from the
 * template as rendered, suggestion feedback and the send appended as usage events, and the
 * outbound webhook enqueued (delivered after commit, retried) when the workspace has one.
 * An unassigned conversation is assigned to the agent who answers it.
 */
export async function sendReply(
  scope: TenantScope,
  input: {
    conversationId: string;
    text: string;
    templateId?: string;
    renderedText?: string;
    shownTemplateIds?: string[];
    chosenRank?: number;
  },
) {
  const conversation = await lockConversation(scope, input.conversationId);
  if (input.templateId) {
    const [template] = await scope.tx
      .select({ id: templates.id })
      .from(templates)
      .where(
        and(
          eq(templates.id, input.templateId),
          isNull(templates.deletedAt),
          // Someone else's personal template does not exist for this agent.
          templateVisibleTo(scope, templates),
        ),
      );
    if (!template) throw notFound("Template");
    // A template under an A/B test: the reply is this conversation's exposure to its variant.
    await exposeVariants(scope.tx, scope.workspace.id, conversation.id, [template.id]);
  }
  const distance =
    input.templateId && input.renderedText !== undefined
      ? editDistance(input.renderedText, input.text)
      : null;
  const { outboundUrl } = await readInboxSettings(scope.tx);
  const dims = await replyDimensions(
    scope.tx,
    conversation,
    input.templateId ?? null,
    input.shownTemplateIds,
  );
  const message = await insertMessage(scope, {
    conversationId: conversation.id,
    role: "agent",
    text: input.text,
    templateId: input.templateId ?? null,
    editDistance: distance,
    delivery: outboundUrl ? "pending" : "none",
  });
  const me = callerUserId(scope);
  await scope.tx
    .update(conversations)
    .set({
      messageCount: sql`${conversations.messageCount} + 1`,
      lastMessageAt: sql`now()`,
      assigneeId: conversation.assigneeId ?? me,
      changeSeq: nextChangeSeq,
      updatedAt: sql`now()`,
    })
    .where(eq(conversations.id, conversation.id));

  const base = {
    conversationId: conversation.id,
    messageId: message.id,
    actorId: me,
    modelVersion: dims.modelVersion,
  };
  const templateDims = { categoryId: dims.categoryId, templateVersion: dims.templateVersion };
  const events: NewUsageEvent[] = (input.shownTemplateIds ?? []).map((templateId, index) => ({
    ...base,
    ...dims.of(templateId),
    kind: "suggestion_shown",
    templateId,
    rank: index + 1,
  }));
  if (input.chosenRank && input.templateId) {
    events.push({
      ...base,
      ...templateDims,
      kind: "suggestion_chosen",
      templateId: input.templateId,
      rank: input.chosenRank,
    });
  }
  events.push({
    ...base,
    ...templateDims,
    kind: "sent",
    templateId: input.templateId ?? null,
    editDistance: distance,
    firstUse: dims.firstUse,
  });
  if (dims.firstReply) {
    events.push({
      ...base,
      ...templateDims,
      kind: "first_response",
      templateId: input.templateId ?? null,
      responseMs: dims.responseMs,
    });
  }
  await appendUsageEvents(scope.tx, scope.workspace.id, events);

  if (outboundUrl) {
    await enqueueJob(scope, outboundReplyJob, {
      workspaceId: scope.workspace.id,
      actor: jobActorOf(scope.actor),
      messageId: message.id,
    });
  }
  await scope.audit({
    action: "conversation.reply",
    entityType: "conversation",
    entityId: conversation.id,
    summary: { templateId: input.templateId ?? null, editDistance: distance },
  });
  await announceInboxChange(scope.tx, scope.workspace.id);
  return { id: message.id, editDistance: distance, delivery: outboundUrl ? "pending" : "none" };
}

/** An internal note: shown to agents only, never sent. */
export async function addNote(scope: TenantScope, input: { conversationId: string; text: string }) {
  const conversation = await lockConversation(scope, input.conversationId);
  const message = await insertMessage(scope, {
    conversationId: conversation.id,
    role: "note",
    text: input.text,
  });
  await scope.tx
    .update(conversations)
    .set({
      messageCount: sql`${conversations.messageCount} + 1`,
      changeSeq: nextChangeSeq,
      updatedAt: sql`now()`,
    })
    .where(eq(conversations.id, conversation.id));
  await scope.audit({
    action: "conversation.note",
    entityType: "conversation",
    entityId: conversation.id,
  });
  await announceInboxChange(scope.tx, scope.workspace.id);
  return { id: message.id };
}

/**
 * open | pending | resolved. Resolving stores the outcome and an optional CSAT (1–5), appends a
 * `resolved` usage event per template the conversation's replies used, and turns the
 * conversation's (customer message → template sent) pairs into training examples. Reopening a
 * resolved conversation records the outcome "reopened".
 */
export async function setStatus(
  scope: TenantScope,
  input: { conversationId: string; status: ConversationStatus; csat?: number },
) {
  const conversation = await lockConversation(scope, input.conversationId);
  const resolving = input.status === "resolved";
  const reopening = conversation.status === "resolved" && !resolving;
  await scope.tx
    .update(conversations)
    .set({
      status: input.status,
      ...(resolving
        ? { outcome: "resolved", csat: input.csat ?? null, resolvedAt: sql`now()` }
        : {}),
      ...(reopening ? { outcome: "reopened", resolvedAt: null } : {}),
      changeSeq: nextChangeSeq,
      updatedAt: sql`now()`,
    })
    .where(eq(conversations.id, conversation.id));
  let learned = { pairs: 0, inserted: 0 };
  if (resolving || reopening) {
    const used = await scope.tx
      .selectDistinct({ templateId: conversationMessages.templateId })
      .from(conversationMessages)
      .where(
        and(
          eq(conversationMessages.conversationId, conversation.id),
          sql`${conversationMessages.templateId} is not null`,
        ),
      );
    const templateIds = used.length > 0 ? used.map((u) => u.templateId) : [null];
    const sentDims = await sentTemplateDimensions(scope.tx, conversation.id);
    await appendUsageEvents(
      scope.tx,
      scope.workspace.id,
      templateIds.map((templateId) => ({
        kind: "resolved",
        conversationId: conversation.id,
        templateId,
        categoryId: (templateId && sentDims.get(templateId)?.categoryId) || null,
        templateVersion: (templateId && sentDims.get(templateId)?.templateVersion) || null,
        modelVersion: (templateId && sentDims.get(templateId)?.modelVersion) || null,
        actorId: callerUserId(scope),
        outcome: resolving ? "resolved" : "reopened",
        csat: resolving ? (input.csat ?? null) : null,
      })),
    );
  }
  if (resolving) learned = await learnFromResolvedConversation(scope, conversation.id);
  await scope.audit({
    action: "conversation.status",
    entityType: "conversation",
    entityId: conversation.id,
    summary: { status: input.status, csat: input.csat ?? null },
  });
  await announceInboxChange(scope.tx, scope.workspace.id);
  // How many of the conversation's (customer message → template sent) pairs are training data.
  return { status: input.status, trainingExamples: learned.pairs };
}

/** Assigns to a member of the workspace, or unassigns (null). */
export async function assign(
  scope: TenantScope,
  input: { conversationId: string; userId: string | null },
) {
  const conversation = await lockConversation(scope, input.conversationId);
  if (input.userId) {
    const [member] = await scope.tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(eq(memberships.userId, input.userId));
    if (!member) throw notFound("Member");
  }
  await scope.tx
    .update(conversations)
    .set({ assigneeId: input.userId, changeSeq: nextChangeSeq, updatedAt: sql`now()` })
    .where(eq(conversations.id, conversation.id));
  await scope.audit({
    action: "conversation.assign",
    entityType: "conversation",
    entityId: conversation.id,
    summary: { assigneeId: input.userId },
  });
  await announceInboxChange(scope.tx, scope.workspace.id);
  return { assigneeId: input.userId };
}
