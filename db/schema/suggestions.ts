import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { templates } from "./templates";
import { workspaces } from "./workspaces";

/**
 * One row per answer of `suggestions.forMessage`, and what the agent then picked
 * (`suggestions.feedback`). Append-mostly: the feedback fills `decided_at` and
 * `chosen_template_id` once. Past choices rank templates for similar messages by `tokens`
 * (distinct normalised content words) and `text_hash` (the exact message).
 */
export const suggestionEvents = pgTable(
  "suggestion_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** The inbox's conversation id as the caller gave it (no foreign key: conversations are not stored yet). */
    conversationId: text(),
    /** The customer message, kept so a choice becomes an `agent_choice` training example. */
    text: text().notNull(),
    textHash: text().notNull(),
    tokens: text().array().notNull(),
    /** Template ids in the order they were suggested. */
    suggestedTemplateIds: uuid().array().notNull(),
    confident: boolean().notNull(),
    /** Deployed model version that ranked it; null before any training. */
    modelVersion: integer(),
    requestedBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Set by feedback; null while undecided. */
    decidedAt: timestamp({ withTimezone: true }),
    /** The template the agent used; null with decided_at set = none of them. */
    chosenTemplateId: uuid(),
    decidedBy: text().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    unique("suggestion_events_workspace_id_id_key").on(t.workspaceId, t.id),
    index("suggestion_events_workspace_created_idx").on(t.workspaceId, t.createdAt),
    // Past choices read the workspace's most recent decided events (a GIN index on tokens would
    // not be used under the RLS policy: `&&` is not leakproof).
    index("suggestion_events_workspace_chosen_idx")
      .on(t.workspaceId, t.decidedAt)
      .where(sql`${t.chosenTemplateId} is not null`),
    index("suggestion_events_workspace_hash_idx").on(t.workspaceId, t.textHash),
    // A purged template takes its past choices with it: they can no longer be suggested.
    foreignKey({
      name: "suggestion_events_chosen_template_fk",
      columns: [t.workspaceId, t.chosenTemplateId],
      foreignColumns: [templates.workspaceId, templates.id],
    }).onDelete("cascade"),
  ],
);

export type SuggestionEventRow = typeof suggestionEvents.$inferSelect;
