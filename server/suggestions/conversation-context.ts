import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { type CustomerAttributes, conversationMessages, conversations } from "@/db/schema";
import type { SuggestionContext } from "./prefill";

/**
 * What an inbox conversation tells pre-filling (issue #13): when `suggestions.forMessage` names
 * one of the workspace's inbox conversations by id, its customer attributes and recent customer
 * messages are read server-side, in the caller's tenant transaction (RLS: another workspace's id
 * reads nothing). What the caller sends itself wins, field by field.
 */
export interface ConversationFacts {
  context: SuggestionContext;
  /** Earlier customer messages, oldest first. */
  history: string[];
}

const HISTORY = 10;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const isUuid = (s: string) => z.uuid().safeParse(s).success;

/** The customer attributes as the context's `customer` and `order` objects. */
export function contextFromCustomer(customer: CustomerAttributes): SuggestionContext {
  const fields: Record<string, string> = {};
  // Extra attributes first: the standard fields below win over a same-named attribute.
  for (const [name, value] of Object.entries(customer.attributes ?? {})) {
    if (FIELD_NAME.test(name) && typeof value === "string") fields[name] = value;
  }
  const name = customer.name?.trim();
  if (name) {
    const [first, ...rest] = name.split(/\s+/);
    fields.name = name;
    if (first) fields.first_name = first;
    if (rest.length > 0) fields.last_name = rest.join(" ");
  }
  if (customer.email) fields.email = customer.email;
  const order = customer.orderNumbers?.at(-1);
  return { customer: fields, ...(order ? { order: { id: order, number: order } } : {}) };
}

/** The conversation's facts, or null when the id is not one of this workspace's conversations. */
export async function readConversationFacts(
  tx: Tx,
  conversationId: string | undefined,
  message: string,
): Promise<ConversationFacts | null> {
  if (!conversationId || !isUuid(conversationId)) return null;
  const [conversation] = await tx
    .select({ customer: conversations.customer })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  if (!conversation) return null;
  const recent = await tx
    .select({ text: conversationMessages.text })
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.conversationId, conversationId),
        eq(conversationMessages.role, "customer"),
      ),
    )
    .orderBy(desc(conversationMessages.createdAt), desc(conversationMessages.id))
    .limit(HISTORY + 1);
  const texts = recent.map((m) => m.text).reverse();
  // The message being answered is usually the latest one: not history as well.
  if (texts.at(-1) === message) texts.pop();
  return { context: contextFromCustomer(conversation.customer), history: texts.slice(-HISTORY) };
}

/** The caller's context over the conversation's, field by field. */
export function mergeContext(
  fromConversation: SuggestionContext | undefined,
  fromCaller: SuggestionContext | undefined,
): SuggestionContext {
  const merged: SuggestionContext = {};
  for (const key of ["customer", "order", "agent"] as const) {
    const fields = { ...fromConversation?.[key], ...fromCaller?.[key] };
    if (Object.keys(fields).length > 0) merged[key] = fields;
  }
  return merged;
}
