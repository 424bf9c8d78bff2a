import { z } from "zod";
import { safeName, safeText } from "@/server/validation/text";

/**
 * The inbox's inputs, shared by the tRPC router and the signed webhook route so both entrances
 * accept exactly the same batches.
 */
export const MAX_INGEST_MESSAGES = 500;
export const MAX_MESSAGE_CHARS = 20_000;

const externalId = safeName({ max: 200, label: "An external id" });
const shortLine = (label: string, max = 200) => safeName({ max, label });

export const MESSAGE_ROLES = ["customer", "agent", "bot", "note"] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];
export const CONVERSATION_STATUSES = ["open", "pending", "resolved"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const customerSchema = z.object({
  name: shortLine("The customer's name").optional(),
  email: z.email().max(320).optional(),
  orderNumbers: z.array(shortLine("An order number", 100)).max(50).optional(),
  attributes: z
    .record(
      safeName({ max: 100, label: "An attribute name" }),
      safeText({ max: 1000, label: "An attribute value" }),
    )
    .refine((value) => Object.keys(value).length <= 50, "At most 50 attributes.")
    .optional(),
});

export const ingestMessageSchema = z.object({
  externalId,
  role: z.enum(MESSAGE_ROLES),
  text: safeText({ max: MAX_MESSAGE_CHARS, min: 1, multiline: true, label: "A message" }),
  /** When the help desk received it; defaults to now. */
  createdAt: z.coerce.date().optional(),
});

export const ingestConversationSchema = z.object({
  externalId,
  customer: customerSchema.optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "A language tag like en or pt-BR.")
    .optional(),
  channel: shortLine("The channel", 50).optional(),
  messages: z.array(ingestMessageSchema).max(MAX_INGEST_MESSAGES),
});

export const ingestInput = z
  .object({
    /** Who pushes: external ids are unique per source. */
    source: safeName({ max: 50, label: "The source" }).default("api"),
    conversations: z.array(ingestConversationSchema).min(1).max(MAX_INGEST_MESSAGES),
  })
  .refine(
    (batch) =>
      batch.conversations.reduce((sum, c) => sum + c.messages.length, 0) <= MAX_INGEST_MESSAGES,
    { message: `A batch holds at most ${MAX_INGEST_MESSAGES} messages.`, path: ["conversations"] },
  );
export type IngestInput = z.infer<typeof ingestInput>;

export const ingestOutput = z.object({
  conversations: z.number().int(),
  received: z.number().int(),
  stored: z.number().int(),
  duplicates: z.number().int(),
});
export type IngestResult = z.infer<typeof ingestOutput>;

export const LIST_FILTERS = ["open", "mine", "unassigned", "pending", "resolved", "all"] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export const listInput = z.object({
  filter: z.enum(LIST_FILTERS).default("open"),
  limit: z.number().int().min(1).max(200).default(50),
  /**
   * The `cursor` of the last conversation already shown: the next ones after it. Nullish:
   * TanStack's infinite queries send `cursor: null` for the first page.
   */
  cursor: safeText({ max: 200, label: "The cursor" }).nullish(),
});

export const idInput = z.object({ id: z.uuid() });

export const sendInput = z.object({
  conversationId: z.uuid(),
  text: safeText({
    max: MAX_MESSAGE_CHARS,
    min: 1,
    multiline: true,
    label: "The reply",
    visible: true,
  }),
  /** The template the reply started from, and its text as rendered when inserted. */
  templateId: z.uuid().optional(),
  renderedText: safeText({
    max: MAX_MESSAGE_CHARS,
    multiline: true,
    label: "The rendered text",
  }).optional(),
  /** Suggestion feedback: the templates shown (in order) and the 1-based rank chosen. */
  shownTemplateIds: z.array(z.uuid()).max(10).optional(),
  chosenRank: z.number().int().min(1).max(10).optional(),
});

export const noteInput = z.object({
  conversationId: z.uuid(),
  text: safeText({
    max: MAX_MESSAGE_CHARS,
    min: 1,
    multiline: true,
    label: "The note",
    visible: true,
  }),
});

export const statusInput = z.object({
  conversationId: z.uuid(),
  status: z.enum(CONVERSATION_STATUSES),
  csat: z.number().int().min(1).max(5).optional(),
});

export const assignInput = z.object({
  conversationId: z.uuid(),
  /** A member's user id, or null to unassign. */
  userId: z.string().min(1).max(100).nullable(),
});

export const settingsInput = z.object({
  outboundUrl: z
    .url({ protocol: /^https?$/, error: "An http(s) URL." })
    .max(2000)
    .nullable(),
});
