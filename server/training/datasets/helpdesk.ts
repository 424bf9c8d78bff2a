/**
 * Help-desk exports → conversation messages.
 * - Zendesk ticket export: {"tickets": [...]}, an array of tickets, or JSONL (incremental
 *   export). A comment by the requester is the customer's; other public comments are the
 *   agent's; private comments (public: false) are internal notes.
 * - Intercom conversation export: {"conversations": [...]} or an array; the opening message is
 *   `source`, the rest `conversation_parts` (an array, or an object holding one). Author type
 *   user/lead/contact is the customer; admin/bot/team the agent; part_type "note" a note.
 * Bodies are HTML in both: converted to text.
 */
import { htmlToText } from "./html";
import { jsonArrayElements } from "./json-stream";
import { textLines } from "./lines";
import type { RawItem, Role } from "./types";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const idOf = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : null);

function* zendeskTicket(ticket: unknown, line: number): Generator<RawItem> {
  if (!isObj(ticket)) return yield { line, error: "The ticket is not an object." };
  const id = idOf(ticket.id);
  if (!id) return yield { line, error: "The ticket has no id." };
  const requester = idOf(ticket.requester_id);
  const comments = Array.isArray(ticket.comments) ? ticket.comments : [];
  if (comments.length === 0) {
    const text = typeof ticket.description === "string" ? ticket.description.trim() : "";
    if (!text) return yield { line, error: `Ticket ${id} has no comments and no description.` };
    return yield {
      line,
      row: {
        kind: "message",
        conversationId: id,
        role: "customer",
        text,
        at: idOf(ticket.created_at),
      },
    };
  }
  for (const comment of comments) {
    if (!isObj(comment)) {
      yield { line, error: `Ticket ${id} has a comment that is not an object.` };
      continue;
    }
    const raw =
      typeof comment.plain_body === "string"
        ? comment.plain_body
        : typeof comment.body === "string"
          ? comment.body
          : typeof comment.html_body === "string"
            ? htmlToText(comment.html_body)
            : "";
    const text = raw.trim();
    if (!text) {
      yield { line, error: `Ticket ${id} has an empty comment.` };
      continue;
    }
    const role: Role =
      comment.public === false
        ? "note"
        : idOf(comment.author_id) === requester
          ? "customer"
          : "agent";
    yield {
      line,
      row: { kind: "message", conversationId: id, role, text, at: idOf(comment.created_at) },
    };
  }
}

const INTERCOM_CUSTOMER = new Set(["user", "lead", "contact"]);

function intercomRole(author: unknown, partType: unknown): Role | null {
  if (partType === "note") return "note";
  const type = isObj(author) ? author.type : null;
  if (typeof type !== "string") return null;
  return INTERCOM_CUSTOMER.has(type) ? "customer" : "agent";
}

function* intercomConversation(conversation: unknown, line: number): Generator<RawItem> {
  if (!isObj(conversation)) return yield { line, error: "The conversation is not an object." };
  const id = idOf(conversation.id);
  if (!id) return yield { line, error: "The conversation has no id." };
  const partsHolder = conversation.conversation_parts;
  const parts = Array.isArray(partsHolder)
    ? partsHolder
    : isObj(partsHolder) && Array.isArray(partsHolder.conversation_parts)
      ? partsHolder.conversation_parts
      : [];
  const source = isObj(conversation.source)
    ? [{ ...conversation.source, part_type: "source" }]
    : [];
  for (const part of [...source, ...parts]) {
    if (!isObj(part)) continue;
    // Assignments, closes and snoozes carry no body: they are not messages.
    if (typeof part.body !== "string" || part.body.trim() === "") continue;
    const role = intercomRole(part.author, part.part_type);
    if (!role) {
      yield { line, error: `Conversation ${id} has a part without an author type.` };
      continue;
    }
    const text = htmlToText(part.body);
    if (!text) continue;
    yield {
      line,
      row: { kind: "message", conversationId: id, role, text, at: idOf(part.created_at) },
    };
  }
}

export async function* helpdeskItems(
  chunks: AsyncIterable<string>,
  vendor: "zendesk" | "intercom",
  jsonl: boolean,
  maxRecord: number,
): AsyncGenerator<RawItem> {
  const one = vendor === "zendesk" ? zendeskTicket : intercomConversation;
  if (jsonl) {
    for await (const { line, text } of textLines(chunks)) {
      if (text.trim() === "") continue;
      try {
        const value: unknown = JSON.parse(text);
        yield* one(isObj(value) && isObj(value.ticket) ? value.ticket : value, line);
      } catch (error) {
        yield { line, error: `Invalid JSON: ${(error as Error).message}` };
      }
    }
    return;
  }
  const keys = vendor === "zendesk" ? ["tickets"] : ["conversations"];
  for await (const item of jsonArrayElements(chunks, keys, maxRecord)) {
    if ("error" in item) yield { line: item.index, error: item.error };
    else yield* one(item.value, item.index);
  }
}
