import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { TemplateDraft } from "../../server/templates/language/template-schema";
import { users } from "./auth";
import { userRef, workspaceId } from "./columns";

// The value lists mirror the template core's zod enums (server/templates/language); the
// store checks at compile time that both stay the same (server/templates/store/rows.ts).
export const templateStatus = pgEnum("template_status", ["draft", "active", "archived"]);
export const templateVariableType = pgEnum("template_variable_type", [
  "text",
  "number",
  "date",
  "select",
  "email",
  "url",
  "currency",
]);
/**
 * Who sees a template: its owner only (`personal`, owner_id set), every member (`everyone`), or
 * admins and owners (`admins`). Enforced by templateVisibleTo (server/templates/store/visibility.ts).
 */
export const templateVisibility = pgEnum("template_visibility", ["personal", "everyone", "admins"]);
export const templateTriggerKind = pgEnum("template_trigger_kind", [
  "keyword",
  "phrase",
  "regex",
  "intent",
  "sentiment",
]);

/**
 * Rows that point at another tenant row carry the workspace in the key, (workspace_id, id),
 * so the database itself refuses a template of workspace B pointing at A's category even when
 * RLS is bypassed. The parents' unique (workspace_id, id) is what such a key references.
 */
const ownTemplate = (t: { workspaceId: AnyPgColumn; templateId: AnyPgColumn }, name: string) =>
  foreignKey({
    name,
    columns: [t.workspaceId, t.templateId],
    foreignColumns: [templates.workspaceId, templates.id],
  }).onDelete("cascade");

/** Names are unique per workspace regardless of case: "Billing" and "billing" are one. */
export const templateCategories = pgTable(
  "template_categories",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("template_categories_workspace_idx").on(t.workspaceId),
    unique("template_categories_workspace_id_id_key").on(t.workspaceId, t.id),
    uniqueIndex("template_categories_name_idx").on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

/**
 * A reply template as it is now. Its variables and triggers are rows of their own (queried by
 * the suggestion engine); every saved state is also kept whole in template_versions. The
 * weighted `search` tsvector (name > trigger_text > content) is a generated column added by
 * the custom migration 0003, as are the GIN and trigram indexes.
 */
export const templates = pgTable(
  "templates",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text().notNull(),
    categoryId: uuid(),
    content: text().notNull(),
    status: templateStatus().notNull().default("draft"),
    /** What `restore` goes back to; set by `archive`. */
    statusBeforeArchive: templateStatus(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    /** BCP 47 tag of the template's text. */
    language: text().notNull().default("en"),
    currentVersion: integer().notNull().default(1),
    usageCount: integer().notNull().default(0),
    lastUsedAt: timestamp({ withTimezone: true }),
    createdBy: userRef(),
    updatedBy: userRef(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The trigger values people type (keywords, phrases, intents), kept for search on save. */
    triggerText: text().notNull().default(""),
    /** In the trash since then (restorable for TRASH_DAYS, then purged); null when not deleted. */
    deletedAt: timestamp({ withTimezone: true }),
    deletedBy: userRef(),
    /** The member a personal template belongs to; null for shared templates. */
    ownerId: text().references(() => users.id, { onDelete: "cascade" }),
    visibility: templateVisibility().notNull().default("everyone"),
    /**
     * Translations are linked templates sharing this id, one per language, each with its own
     * content and versions (server/templates/variants.ts). A template alone is a group of one.
     */
    groupId: uuid().notNull().defaultRandom(),
  },
  (t) => [
    // Each list order has its own keyset index, workspace_id first so RLS's filter uses it.
    // Ascending on purpose: scanned backwards they serve `desc` (nulls first, the default).
    index("templates_workspace_updated_idx").on(t.workspaceId, t.updatedAt, t.id),
    index("templates_workspace_name_idx").on(t.workspaceId, t.name, t.id),
    index("templates_workspace_usage_idx").on(t.workspaceId, t.usageCount, t.id),
    index("templates_category_idx").on(t.categoryId),
    // Lets a tag filter combine with the full-text bitmap instead of filtering row by row.
    index("templates_tags_idx").using("gin", t.tags),
    unique("templates_workspace_id_id_key").on(t.workspaceId, t.id),
    // Deleting a category clears category_id only (migration 0006 writes SET NULL (category_id):
    // drizzle-kit cannot express the column list, and nulling workspace_id would fail).
    foreignKey({
      name: "templates_category_fk",
      columns: [t.workspaceId, t.categoryId],
      foreignColumns: [templateCategories.workspaceId, templateCategories.id],
    }).onDelete("set null"),
    // A personal template has an owner and a shared one has none (visibility.ts relies on it).
    check(
      "templates_personal_owner_check",
      sql`(${t.visibility} = 'personal') = (${t.ownerId} is not null)`,
    ),
    index("templates_workspace_group_idx").on(t.workspaceId, t.groupId),
    index("templates_owner_idx").on(t.ownerId).where(sql`${t.ownerId} is not null`),
    // The trash view and the purge read only deleted rows.
    index("templates_workspace_deleted_idx")
      .on(t.workspaceId, t.deletedAt)
      .where(sql`${t.deletedAt} is not null`),
  ],
);

// Children are read by template under RLS, so their workspace index also carries template_id:
// with workspace_id alone the planner ANDs a bitmap of the whole workspace into every lookup.

/** Every saved state of a template, whole: restoring version N copies its draft forward. */
export const templateVersions = pgTable(
  "template_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    templateId: uuid().notNull(),
    version: integer().notNull(),
    /** The draft as saved (category by name), variables and triggers included. */
    snapshot: jsonb().$type<TemplateDraft>().notNull(),
    changeSummary: text().notNull(),
    createdBy: userRef(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("template_versions_workspace_template_idx").on(t.workspaceId, t.templateId),
    ownTemplate(t, "template_versions_template_fk"),
    uniqueIndex("template_versions_template_version_idx").on(t.templateId, t.version),
  ],
);

export const templateVariables = pgTable(
  "template_variables",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    templateId: uuid().notNull(),
    position: integer().notNull(),
    name: text().notNull(),
    type: templateVariableType().notNull(),
    required: boolean().notNull().default(false),
    fallback: text(),
    options: text().array(),
    pattern: text(),
    description: text(),
  },
  (t) => [
    index("template_variables_workspace_template_idx").on(t.workspaceId, t.templateId),
    ownTemplate(t, "template_variables_template_fk"),
    uniqueIndex("template_variables_template_position_idx").on(t.templateId, t.position),
  ],
);

export const templateTriggers = pgTable(
  "template_triggers",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    templateId: uuid().notNull(),
    position: integer().notNull(),
    kind: templateTriggerKind().notNull(),
    value: text().notNull(),
    weight: real().notNull().default(1),
    active: boolean().notNull().default(true),
  },
  (t) => [
    index("template_triggers_workspace_template_idx").on(t.workspaceId, t.templateId),
    ownTemplate(t, "template_triggers_template_fk"),
    uniqueIndex("template_triggers_template_position_idx").on(t.templateId, t.position),
  ],
);

/**
 * The words of the workspace's template names and triggers: the vocabulary that search
 * corrects misspelled terms against (pg_trgm on a few thousand words instead of on every
 * template name, see server/templates/search/). Written on save; a word no template uses any
 * more is harmless (a correction that finds nothing), so entries are never deleted.
 */
export const templateSearchTerms = pgTable(
  "template_search_terms",
  {
    workspaceId: workspaceId(),
    term: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.term] })],
);

/** An agent's own shortlist: templates they starred, shown first for them only. */
export const templateFavourites = pgTable(
  "template_favourites",
  {
    workspaceId: workspaceId(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    templateId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId, t.templateId] }),
    // Keyed with workspace_id, like every reference between tenant tables (migration 0008).
    foreignKey({
      name: "template_favourites_template_fk",
      columns: [t.workspaceId, t.templateId],
      foreignColumns: [templates.workspaceId, templates.id],
    }).onDelete("cascade"),
    index("template_favourites_template_idx").on(t.templateId),
  ],
);

export type TemplateRow = typeof templates.$inferSelect;
export type TemplateCategory = typeof templateCategories.$inferSelect;
export type TemplateVersionRow = typeof templateVersions.$inferSelect;
export type TemplateVariableRow = typeof templateVariables.$inferSelect;
export type TemplateTriggerRow = typeof templateTriggers.$inferSelect;
