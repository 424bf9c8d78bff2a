import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { userRef, workspaceId } from "./columns";

/**
 * Conversation analysis (server/analysis): one run over a dataset or a period of inbox messages,
 * the knowledge gaps it found (clusters of messages with no confident suggestion) with their
 * messages, the recurring topics (patterns) and the ranked insights. A new run never edits an old
 * one; gap status (open/resolved/dismissed) is the only thing people change.
 */
export const analysisRuns = pgTable(
  "analysis_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    /** "dataset" | "inbox" */
    source: text().notNull(),
    datasetId: uuid(),
    periodFrom: timestamp({ withTimezone: true }),
    periodTo: timestamp({ withTimezone: true }),
    /** "running" | "done" | "failed" */
    status: text().notNull().default("running"),
    messages: integer().notNull().default(0),
    unconfident: integer().notNull().default(0),
    /** The analyzeConversationData summary (accuracy, failure points, satisfaction). */
    summary: jsonb().$type<Record<string, unknown>>(),
    modelVersion: integer(),
    /**
     * How many analysed messages the deployed model was trained on (training-overlap.ts): the
     * accuracy score over them is not a held-out figure. Null: no model, or older runs.
     */
    trainingOverlap: jsonb().$type<{
      messages: number;
      compared: number;
      trainedExamples: number;
      exact: boolean;
      heldOutTop1: number | null;
    }>(),
    seconds: real(),
    error: text(),
    createdBy: userRef(),
    /**
     * The conversation-analysis job computing it (job_runs.id): its progress while running, and
     * whether it is still alive (queries.ts shows a run whose job ended as failed). No foreign
     * key, as model_versions.job_id: job rows may be purged, runs stay. Null on older runs.
     */
    jobId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique("analysis_runs_workspace_id_id_key").on(t.workspaceId, t.id),
    index("analysis_runs_workspace_created_idx").on(t.workspaceId, t.createdAt),
  ],
);

export const knowledgeGaps = pgTable(
  "knowledge_gaps",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    runId: uuid().notNull(),
    size: integer().notNull(),
    keyPhrases: text().array().notNull(),
    examples: jsonb().$type<{ id: string; text: string; similarity: number }[]>().notNull(),
    severity: real().notNull(),
    cohesion: real().notNull(),
    failureRate: real().notNull(),
    trend: jsonb().$type<Record<string, unknown> | null>(),
    suggestedAction: jsonb().$type<{ kind: string; label?: string; draft?: string }>().notNull(),
    /** "open" | "resolved" | "dismissed" */
    status: text().notNull().default("open"),
    resolvedTemplateId: uuid(),
    decidedBy: userRef(),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("knowledge_gaps_workspace_id_id_key").on(t.workspaceId, t.id),
    index("knowledge_gaps_workspace_status_idx").on(t.workspaceId, t.status, t.severity),
    foreignKey({
      name: "knowledge_gaps_run_fk",
      columns: [t.workspaceId, t.runId],
      foreignColumns: [analysisRuns.workspaceId, analysisRuns.id],
    }).onDelete("cascade"),
  ],
);

export const gapMessages = pgTable(
  "gap_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    gapId: uuid().notNull(),
    text: text().notNull(),
    /** Where it came from: an inbox message id or a dataset row reference. */
    sourceRef: text().notNull(),
    /** The agent's actual reply, when the source has one (drafts a template from it). */
    reply: text(),
    similarity: real().notNull(),
    at: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("gap_messages_workspace_gap_idx").on(t.workspaceId, t.gapId),
    foreignKey({
      name: "gap_messages_gap_fk",
      columns: [t.workspaceId, t.gapId],
      foreignColumns: [knowledgeGaps.workspaceId, knowledgeGaps.id],
    }).onDelete("cascade"),
  ],
);

export const analysisPatterns = pgTable(
  "analysis_patterns",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    runId: uuid().notNull(),
    topic: text().notNull(),
    keyPhrases: text().array().notNull(),
    /** Messages in the topic (dated or not). */
    size: integer().notNull(),
    /**
     * Messages in the earlier and the later half of the period. Null when the run's messages
     * carry no dates (a labelled or FAQ dataset): the topic has a size but no trend.
     */
    previous: integer(),
    current: integer(),
    changeRatio: real(),
    /** Always false without dates. */
    growing: boolean().notNull(),
    /** Counts per bucket over the period, oldest first; empty without dates. */
    series: jsonb().$type<{ at: string; count: number }[]>().notNull(),
    answered: boolean().notNull(),
    /** Up to five of the topic's messages, closest to its centre first (empty on older runs). */
    examples: jsonb().$type<string[]>().notNull().default([]),
  },
  (t) => [
    index("analysis_patterns_workspace_run_idx").on(t.workspaceId, t.runId),
    foreignKey({
      name: "analysis_patterns_run_fk",
      columns: [t.workspaceId, t.runId],
      foreignColumns: [analysisRuns.workspaceId, analysisRuns.id],
    }).onDelete("cascade"),
  ],
);

export const analysisInsights = pgTable(
  "analysis_insights",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    runId: uuid().notNull(),
    kind: text().notNull(),
    impact: real().notNull(),
    /**
     * Position in the run's ranking (0 first), by the unrounded impact: stored impacts are
     * rounded to 0.1, and ties at that precision are common. Null on runs saved before it.
     */
    rank: integer(),
    basis: jsonb().$type<Record<string, unknown>>().notNull(),
    text: text().notNull(),
    /** "ai" | "computed" */
    narratedBy: text().notNull(),
  },
  (t) => [
    index("analysis_insights_workspace_run_idx").on(t.workspaceId, t.runId),
    foreignKey({
      name: "analysis_insights_run_fk",
      columns: [t.workspaceId, t.runId],
      foreignColumns: [analysisRuns.workspaceId, analysisRuns.id],
    }).onDelete("cascade"),
  ],
);

export type KnowledgeGapRow = typeof knowledgeGaps.$inferSelect;
