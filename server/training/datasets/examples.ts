/**
 * Training examples from parsed rows (the pure part of issue #9 point 2):
 * labelled rows → (text, label); FAQ rows → (question, answer); conversations → (customer
 * text, agent reply) pairs, which reply-matcher.ts then ties to templates.
 */
import type { DatasetRow } from "./types";

export interface LabelledExample {
  line: number;
  text: string;
  label: string;
}

export interface FaqPair {
  line: number;
  question: string;
  answer: string;
}

export interface ConversationPair {
  conversationId: string;
  /** Line of the first customer message of the pair. */
  line: number;
  customer: string;
  reply: string;
}

export function labelledExamples(rows: Iterable<DatasetRow>): LabelledExample[] {
  const out: LabelledExample[] = [];
  for (const { line, row } of rows)
    if (row.kind === "example") out.push({ line, text: row.text, label: row.label });
  return out;
}

export function faqPairs(rows: Iterable<DatasetRow>): FaqPair[] {
  const out: FaqPair[] = [];
  for (const { line, row } of rows) {
    if (row.kind === "faq") out.push({ line, question: row.question, answer: row.answer });
  }
  return out;
}

/**
 * Customer turns followed by agent turns, per conversation, in file order. Consecutive messages
 * of one side are joined (people split a thought over several messages); internal notes are
 * skipped; agent messages before any customer message (greetings, outbound) make no pair.
 */
export function conversationPairs(rows: Iterable<DatasetRow>): ConversationPair[] {
  const open = new Map<string, { line: number; customer: string[]; agent: string[] }>();
  const out: ConversationPair[] = [];
  const emit = (id: string) => {
    const turn = open.get(id);
    if (turn && turn.customer.length > 0 && turn.agent.length > 0) {
      out.push({
        conversationId: id,
        line: turn.line,
        customer: turn.customer.join("\n"),
        reply: turn.agent.join("\n"),
      });
    }
    open.delete(id);
  };
  for (const { line, row } of rows) {
    if (row.kind !== "message" || row.role === "note") continue;
    const id = row.conversationId;
    let turn = open.get(id);
    if (row.role === "customer") {
      if (turn && turn.agent.length > 0) {
        emit(id);
        turn = undefined;
      }
      if (!turn) {
        turn = { line, customer: [], agent: [] };
        open.set(id, turn);
      }
      turn.customer.push(row.text);
    } else if (turn) {
      turn.agent.push(row.text);
    }
  }
  for (const id of [...open.keys()]) emit(id);
  return out;
}
