import { sql } from "drizzle-orm";
import {
  bigserial,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

/**
 * What a workspace sees of a background job: one row per job, its id the pg-boss job id.
 * pg-boss's own tables know nothing of workspaces and are not under RLS, so the Jobs page, the
 * SSE route and retry/cancel read this row (under forced RLS) first.
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    id: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** queued | active | retrying | completed | failed | cancelled */
    state: text().notNull().default("queued"),
    progress: integer().notNull().default(0),
    message: text(),
    error: text(),
    attempts: integer().notNull().default(0),
    /** Who asked for it, as shown in the UI ("admin@acme.test", "API key \"ci\"", "system"). */
    actorLabel: text().notNull(),
    /** A large input the payload only points at (a template import file); cleared when done. */
    input: text(),
    result: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("job_runs_workspace_created_idx").on(t.workspaceId, t.createdAt.desc()),
    // Target of the composite foreign keys below: a row can only point at its own workspace's job.
    uniqueIndex("job_runs_workspace_id_idx").on(t.workspaceId, t.id),
  ],
);

/**
 * Progress and end events of a job, append-only. The id orders events across the database and
 * is the SSE event id, so a reconnecting browser asks for `id > Last-Event-ID`.
 */
export const jobEvents = pgTable(
  "job_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    jobId: uuid().notNull(),
    /** progress | done | failed | cancelled | retrying */
    kind: text().notNull(),
    progress: integer(),
    message: text(),
    data: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("job_events_job_idx").on(t.workspaceId, t.jobId, t.id),
    foreignKey({
      columns: [t.workspaceId, t.jobId],
      foreignColumns: [jobRuns.workspaceId, jobRuns.id],
    }).onDelete("cascade"),
  ],
);

/**
 * The step ledger that makes a job resumable: a step's row is written in the same transaction
 * as the step's work, so a job killed and retried skips the steps already committed.
 */
export const jobSteps = pgTable(
  "job_steps",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    jobId: uuid().notNull(),
    step: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.jobId, t.step] }),
    foreignKey({
      columns: [t.workspaceId, t.jobId],
      foreignColumns: [jobRuns.workspaceId, jobRuns.id],
    }).onDelete("cascade"),
  ],
);

/** Token buckets for API keys (`key:<id>`) and their workspace (`workspace`), shared by processes. */
export const apiRateLimits = pgTable(
  "api_rate_limits",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    bucket: text().notNull(),
    tokens: doublePrecision().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.bucket] })],
);

/** One row per worker process; /api/health reports the newest heartbeat. Not tenant data. */
export const workerHeartbeats = pgTable("worker_heartbeats", {
  id: text().primaryKey(),
  host: text().notNull(),
  pid: integer().notNull(),
  mode: text().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Periodic work the workers start (server/jobs/scheduler.ts): one row per task, its last run
 * claimed by exactly one worker per interval with a conditional UPDATE. Not tenant data: the
 * workers' own table, like worker_heartbeats (no grant to the application role).
 */
export const scheduledTasks = pgTable("scheduled_tasks", {
  name: text().primaryKey(),
  lastRunAt: timestamp({ withTimezone: true }).notNull(),
  lastRunBy: text().notNull(),
});

export type JobRun = typeof jobRuns.$inferSelect;
export type JobEvent = typeof jobEvents.$inferSelect;
