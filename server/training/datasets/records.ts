/**
 * Records (a CSV row keyed by header, or a JSON object) to rows. Column names are matched
 * case-insensitively and without punctuation: "Conversation ID", "conversation_id" and
 * "conversationId" are one name.
 */
import type { RawItem, Role, Row } from "./types";
import { contentHash } from "./validate";

export const keyOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

const ALIASES = {
  conversation: [
    "conversationid",
    "conversation",
    "threadid",
    "thread",
    "ticketid",
    "ticket",
    "chatid",
    "sessionid",
    "dialogueid",
    "dialogid",
  ],
  role: [
    "role",
    "author",
    "authortype",
    "sender",
    "from",
    "speaker",
    "senderrole",
    "direction",
    "who",
  ],
  text: ["text", "message", "body", "content", "utterance", "messagetext"],
  at: ["timestamp", "time", "createdat", "date", "datetime", "sentat"],
  customer: [
    "customermessage",
    "customer",
    "customertext",
    "usermessage",
    "user",
    "query",
    "input",
    "instruction",
    "request",
    "prompt",
  ],
  agent: ["agentreply", "agent", "agentmessage", "reply", "response", "agentresponse", "output"],
  question: ["question", "q"],
  answer: ["answer", "a"],
} as const;

export type Field = keyof typeof ALIASES;

/** The first key of `keys` that is an alias of `field`. */
export function findKey(keys: readonly string[], field: Field): string | null {
  for (const alias of ALIASES[field]) if (keys.includes(alias)) return alias;
  return null;
}

export interface LabelColumns {
  text?: string;
  label?: string;
}

const LABEL_PAIRS: [string, string][] = [
  ["text", "label"],
  ["text", "category"],
  ["instruction", "intent"],
  ["text", "intent"],
  ["utterance", "intent"],
];

/** The (text, label) keys of a labelled file: configured names first, then known pairs. */
export function labelKeys(
  keys: readonly string[],
  columns?: LabelColumns,
): [string, string] | null {
  if (columns?.text || columns?.label) {
    const pair: [string, string] = [keyOf(columns.text ?? "text"), keyOf(columns.label ?? "label")];
    return keys.includes(pair[0]) && keys.includes(pair[1]) ? pair : null;
  }
  return LABEL_PAIRS.find(([t, l]) => keys.includes(t) && keys.includes(l)) ?? null;
}

const CUSTOMER = new Set([
  "customer",
  "user",
  "client",
  "enduser",
  "requester",
  "visitor",
  "contact",
  "lead",
  "inbound",
  "human",
  "guest",
  "buyer",
]);
const AGENT = new Set([
  "agent",
  "admin",
  "support",
  "operator",
  "staff",
  "assistant",
  "bot",
  "outbound",
  "teammate",
  "representative",
  "rep",
  "ai",
  "system",
]);
const NOTE = new Set(["note", "internal", "internalnote", "private"]);

export function roleOf(value: string): Role | null {
  const key = keyOf(value);
  if (CUSTOMER.has(key)) return "customer";
  if (AGENT.has(key)) return "agent";
  if (NOTE.has(key)) return "note";
  return null;
}

/** A cell as text: strings as they are, numbers and booleans spelled, anything else null. */
export function cell(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

export type RecordLayout =
  | { kind: "messages"; conversation: string; role: string; text: string; at: string | null }
  | { kind: "pairs"; customer: string; agent: string; conversation: string | null }
  | { kind: "faq"; question: string; answer: string }
  | { kind: "labelled"; text: string; label: string };

/** How records with these keys map to rows, for the dataset kind asked; null when unknown. */
export function layoutOf(
  keys: readonly string[],
  kind: "conversations" | "faq" | "labelled",
  columns?: LabelColumns,
): RecordLayout | null {
  if (kind === "labelled") {
    const pair = labelKeys(keys, columns);
    return pair ? { kind: "labelled", text: pair[0], label: pair[1] } : null;
  }
  if (kind === "faq") {
    const question = findKey(keys, "question");
    const answer = findKey(keys, "answer");
    return question && answer ? { kind: "faq", question, answer } : null;
  }
  const text = findKey(keys, "text");
  const role = findKey(keys, "role");
  const conversation = findKey(keys, "conversation");
  if (text && role && conversation) {
    return { kind: "messages", conversation, role, text, at: findKey(keys, "at") };
  }
  const customer = findKey(keys, "customer") ?? findKey(keys, "question");
  const agent = findKey(keys, "agent") ?? findKey(keys, "answer");
  if (customer && agent) return { kind: "pairs", customer, agent, conversation };
  return null;
}

/** Describes what a layout needs, for the error when none matches. */
export const LAYOUT_HELP = {
  conversations:
    "conversation id, role and text columns (a row per message), or customer message and agent reply columns (a row per conversation)",
  faq: "question and answer columns",
  labelled: "text and label columns (or text/category, instruction/intent)",
} as const;

/** Rows of one record under `layout`. `line` numbers the record; `seq` names pair conversations. */
export function rowsOf(
  record: Record<string, unknown>,
  layout: RecordLayout,
  line: number,
): RawItem[] {
  const get = (key: string) => cell(record[key]);
  const missing = (what: string): RawItem[] => [{ line, error: `The ${what} is empty.` }];
  switch (layout.kind) {
    case "labelled": {
      const text = get(layout.text)?.trim();
      const label = get(layout.label)?.trim();
      if (!text) return missing("text");
      if (!label) return missing("label");
      return [{ line, row: { kind: "example", text, label } }];
    }
    case "faq": {
      const question = get(layout.question)?.trim();
      const answer = get(layout.answer)?.trim();
      if (!question) return missing("question");
      if (!answer) return missing("answer");
      return [{ line, row: { kind: "faq", question, answer } }];
    }
    case "messages": {
      const conversationId = get(layout.conversation)?.trim();
      const roleText = get(layout.role)?.trim() ?? "";
      const text = get(layout.text)?.trim();
      if (!conversationId) return missing("conversation id");
      if (!text) return missing("message text");
      const role = roleOf(roleText);
      if (!role) {
        return [
          {
            line,
            error: `The role ${JSON.stringify(roleText.slice(0, 40))} is neither a customer nor an agent.`,
          },
        ];
      }
      const at = layout.at ? get(layout.at)?.trim() || null : null;
      return [{ line, row: { kind: "message", conversationId, role, text, at } }];
    }
    case "pairs": {
      const customer = get(layout.customer)?.trim();
      const agent = get(layout.agent)?.trim();
      if (!customer) return missing("customer message");
      if (!agent) return missing("agent reply");
      const conversationId =
        (layout.conversation && get(layout.conversation)?.trim()) ||
        // Named by content, not line, so the same exchange on two rows is deduplicated.
        `pair-${contentHash(`${customer}\u0001${agent}`)}`;
      const message = (role: Role, text: string): Row => ({
        kind: "message",
        conversationId,
        role,
        text,
        at: null,
      });
      return [
        { line, row: message("customer", customer) },
        { line, row: message("agent", agent) },
      ];
    }
  }
}

/** Object keys normalised, keeping the first original spelling of each. */
export function normaliseKeys(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = keyOf(k);
    if (!(key in out)) out[key] = v;
  }
  return out;
}
