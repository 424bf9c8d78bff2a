import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { userRef, workspaceId } from "./columns";
import { templates } from "./templates";
import { workspaces } from "./workspaces";

/**
 * A workspace's AI configuration (server/ai/settings.ts). No row: the server's environment
 * decides, with no budget. The workspace's own API key is stored encrypted (AES-256-GCM,
 * server/ai/secret-box.ts) and never leaves the server; only its last four characters do.
 */
export const aiSettings = pgTable("ai_settings", {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  /** The off switch: false means no provider call at all, the local fallbacks only. */
  enabled: boolean().notNull().default(true),
  /** default (the environment's) | openai | anthropic | openai-compatible */
  provider: text().notNull().default("default"),
  /** For openai-compatible servers (Ollama, vLLM, LM Studio) set per workspace. */
  baseUrl: text(),
  /** Model id per use case (AiUseCase → model id); missing ones use the provider's default. */
  models: jsonb().$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
  apiKeyCiphertext: text(),
  apiKeyHint: text(),
  /** Per-day budget (UTC day); null = unlimited. */
  dailyCallLimit: integer(),
  dailyTokenLimit: integer(),
  /** Suggestions re-ranked by the `rerank` model after the local ranking (off: local order only). */
  rerankSuggestions: boolean().notNull().default(false),
  /** Provider embeddings of the examples as extra features of the trained model (off: TF-IDF only). */
  embeddingFeatures: boolean().notNull().default(false),
  updatedBy: userRef(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row per provider call (each retry is a call): what it cost and how it ended. Append-only;
 * the Settings → AI usage page and the daily budget read it.
 */
export const aiCalls = pgTable(
  "ai_calls",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    /** AiUseCase */
    useCase: text().notNull(),
    /** What asked, e.g. "templates.optimize". */
    label: text().notNull(),
    provider: text().notNull(),
    model: text().notNull(),
    inputTokens: integer().notNull().default(0),
    outputTokens: integer().notNull().default(0),
    latencyMs: integer().notNull(),
    /** Millionths of a US dollar; null when the model's price is unknown (local servers). */
    costMicroUsd: integer(),
    /** ok | refused | rate_limited | timed_out | failed | invalid_output */
    outcome: text().notNull(),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ai_calls_workspace_created_idx").on(t.workspaceId, t.createdAt)],
);

/**
 * Every template optimisation, AI-written or local, and what became of it: the template's
 * history shows where each wording came from (accepted_version is the version it became).
 */
export const templateOptimizations = pgTable(
  "template_optimizations",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    templateId: uuid().notNull(),
    /** The template version the rewrite started from. */
    baseVersion: integer().notNull(),
    requestedBy: userRef(),
    /** ai | local (rule-based, not AI-written) */
    source: text().notNull(),
    /** provider:model for AI rewrites; null for the local optimiser. */
    model: text(),
    goal: text(),
    originalContent: text().notNull(),
    optimizedContent: text().notNull(),
    improvementAreas: jsonb().$type<unknown[]>().notNull(),
    expectedGain: jsonb().$type<Record<string, unknown>>().notNull(),
    /** proposed | accepted | discarded */
    status: text().notNull().default("proposed"),
    acceptedVersion: integer(),
    decidedBy: userRef(),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("template_optimizations_workspace_template_idx").on(
      t.workspaceId,
      t.templateId,
      t.createdAt,
    ),
    foreignKey({
      name: "template_optimizations_template_fk",
      columns: [t.workspaceId, t.templateId],
      foreignColumns: [templates.workspaceId, templates.id],
    }).onDelete("cascade"),
  ],
);

export type AiSettingsRow = typeof aiSettings.$inferSelect;
export type AiCallRow = typeof aiCalls.$inferSelect;
export type TemplateOptimizationRow = typeof templateOptimizations.$inferSelect;
