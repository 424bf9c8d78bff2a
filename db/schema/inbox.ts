import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { workspaceId } from "./columns";
import { workspaces } from "./workspaces";

/**
 * One counter for every change in the inbox (a message in, a status change): the inbox's
 * server-sent events replay conversations whose `change_seq` is past the browser's last event id.
 */
export const inboxChangeSeq = pgSequence("inbox_change_seq");

/** Customer identity and the attributes that pre-fill template variables. */
export type CustomerAttributes = {
  name?: string;
  email?: string;
  orderNumbers?: string[];
  /** Anything else the help desk knows (plan, country, …): variable name → value. */
  attributes?: Record<string, string>;
};

/**
 * A customer conversation pushed in by a help desk (inbox.ingest or the signed webhook): one per
 * (source, external id) per workspace, so pushing the same conversation again finds it.
 */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    /** Who pushed it: "api", "zendesk", "widget" … external ids are unique per source. */
    source: text().notNull(),
    externalId: text().notNull(),
    customer: jsonb().$type<CustomerAttributes>().notNull().default({}),
    language: text(),
    channel: text().notNull().default("chat"),
    /** open | pending | resolved */
    status: text().notNull().default("open"),
    assigneeId: text().references(() => users.id, { onDelete: "set null" }),
    /** resolved | reopened (set when a resolved conversation receives a customer message). */
    outcome: text(),
    csat: integer(),
    /** The last customer message, for the list without reading the thread. */
    preview: text().notNull().default(""),
    /**
     * The name the customer last signed a message with ("… Thanks, Maria"), read from the whole
     * message at ingest (server/inbox/ingest.ts), for the list of a conversation whose help desk
     * sent no name: the preview holds only a long message's start, and the sign-off ends it.
     */
    customerSignedName: text(),
    messageCount: integer().notNull().default(0),
    lastMessageAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
    changeSeq: bigint({ mode: "number" }).notNull().default(sql`nextval('inbox_change_seq')`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("conversations_workspace_id_id_key").on(t.workspaceId, t.id),
    uniqueIndex("conversations_external_idx").on(t.workspaceId, t.source, t.externalId),
    index("conversations_list_idx").on(t.workspaceId, t.status, t.lastMessageAt.desc()),
    index("conversations_change_idx").on(t.workspaceId, t.changeSeq),
  ],
);

/**
 * A message of a conversation: customer, agent, bot or an internal note (never sent). Replies
 * written in Parley get a generated external id, so (conversation, source, external id) is
 * always the idempotency key. `template_id` and `edit_distance` say which template the agent
 * sent and how far the sent text moved from the rendered template.
 */
export const conversationMessages = pgTable(
  "conversation_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    conversationId: uuid().notNull(),
    /** customer | agent | bot | note */
    role: text().notNull(),
    source: text().notNull(),
    externalId: text().notNull(),
    text: text().notNull(),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    templateId: uuid(),
    editDistance: integer(),
    /** Outbound delivery of an agent reply: pending | sent | failed | none (no URL set). */
    delivery: text(),
    deliveryError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("conversation_messages_workspace_id_id_key").on(t.workspaceId, t.id),
    uniqueIndex("conversation_messages_external_idx").on(
      t.workspaceId,
      t.conversationId,
      t.source,
      t.externalId,
    ),
    index("conversation_messages_thread_idx").on(t.workspaceId, t.conversationId, t.createdAt),
    foreignKey({
      name: "conversation_messages_conversation_fk",
      columns: [t.workspaceId, t.conversationId],
      foreignColumns: [conversations.workspaceId, conversations.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Append-only usage: a suggestion shown or chosen, a reply sent with a template (and its edit
 * distance), a conversation resolved (outcome, CSAT). Analytics roll these up; the application
 * role may insert and read them, never change them (migration inbox_rls). `template_id` has no
 * foreign key on purpose: the history outlives a deleted template.
 */
export const templateUsageEvents = pgTable(
  "template_usage_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    /**
     * suggestion_shown | suggestion_chosen (inserted) | sent (edited: edit_distance > 0) |
     * resolved (outcome resolved or reopened, with CSAT) | first_response (response_ms).
     */
    kind: text().notNull(),
    conversationId: uuid(),
    messageId: uuid(),
    templateId: uuid(),
    actorId: text(),
    /** 1-based position of a shown or chosen suggestion. */
    rank: integer(),
    editDistance: integer(),
    outcome: text(),
    csat: integer(),
    /** The template's category and version when the event happened (analytics dimensions). */
    categoryId: uuid(),
    templateVersion: integer(),
    /** The deployed suggestion model's version number when the event happened. */
    modelVersion: integer(),
    /** first_response: milliseconds from the conversation's start to the first agent reply. */
    responseMs: integer(),
    /** sent: the first reply of this conversation with this template (counts conversations). */
    firstUse: boolean(),
    /** When it happened (the event's occurred_at): roll-ups group by its UTC day. */
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("template_usage_events_template_idx").on(t.workspaceId, t.templateId, t.createdAt),
    index("template_usage_events_conversation_idx").on(t.workspaceId, t.conversationId),
    // Roll-ups and today's live figures read a workspace's events by time.
    index("template_usage_events_time_idx").on(t.workspaceId, t.createdAt),
    // Append-only, so time follows physical order: a tiny BRIN index serves range scans at volume.
    index("template_usage_events_created_brin").using("brin", t.createdAt),
    foreignKey({
      name: "template_usage_events_conversation_fk",
      columns: [t.workspaceId, t.conversationId],
      foreignColumns: [conversations.workspaceId, conversations.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Per-workspace inbox settings: the inbound webhook's signing secret (AES-256-GCM under a key
 * derived from AUTH_SECRET, since HMAC needs the raw secret) and the outbound webhook URL.
 */
export const inboxSettings = pgTable("inbox_settings", {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  webhookSecretEncrypted: text(),
  webhookSecretRotatedAt: timestamp({ withTimezone: true }),
  outboundUrl: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type ConversationRow = typeof conversations.$inferSelect;
export type ConversationMessageRow = typeof conversationMessages.$inferSelect;
