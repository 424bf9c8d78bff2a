import {
  boolean,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { workspaceId } from "./columns";
import { templates } from "./templates";
import { workspaces } from "./workspaces";

/** PostgreSQL bytea as a Uint8Array (postgres.js and PGlite both hand back Buffer/Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/**
 * A trained model: the "PRLYMDL1" artefact itself (server/training/model/serialize.ts) lives in
 * the database so every app instance can load it. `jobId` is unique: the training job writes its
 * version in one idempotent step keyed by it, so a job retried after a crash never writes two.
 * `labels` are template ids in the model's label order.
 */
export const modelVersions = pgTable(
  "model_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    version: integer().notNull(),
    /** ready (a version row only exists once its artefact does) */
    status: text().notNull().default("ready"),
    jobId: uuid(),
    config: jsonb().notNull().default({}),
    labels: jsonb().$type<string[]>().notNull(),
    metrics: jsonb().notNull().default({}),
    threshold: real().notNull(),
    artifact: bytea().notNull(),
    sizeBytes: integer().notNull(),
    exampleCount: integer().notNull(),
    /**
     * The md5 digests (16 bytes each, sorted) of the normalised texts the version was trained on,
     * its held-out split included (training-hashes.ts): an analysis uses them to tell in-sample
     * messages exactly. Null for versions made before migration 0044 and by test fixtures.
     */
    trainingTextHashes: bytea(),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    createdByLabel: text().notNull().default("system"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("model_versions_workspace_id_id_key").on(t.workspaceId, t.id),
    unique("model_versions_workspace_version_key").on(t.workspaceId, t.version),
    uniqueIndex("model_versions_job_idx").on(t.jobId),
  ],
);

/** The one deployed version of a workspace (absent: nothing deployed, no suggestions). */
export const modelDeployments = pgTable(
  "model_deployments",
  {
    workspaceId: uuid()
      .primaryKey()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    versionId: uuid().notNull(),
    deployedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deployedBy: text().notNull(),
  },
  (t) => [
    foreignKey({
      name: "model_deployments_version_fk",
      columns: [t.workspaceId, t.versionId],
      foreignColumns: [modelVersions.workspaceId, modelVersions.id],
    }).onDelete("cascade"),
  ],
);

/** Append-only history of deploys and rollbacks (what was live before, what after, who). */
export const modelDeploymentEvents = pgTable(
  "model_deployment_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    /** deploy | rollback */
    action: text().notNull(),
    versionId: uuid().notNull(),
    previousVersionId: uuid(),
    actorLabel: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("model_deployment_events_workspace_idx").on(t.workspaceId, t.createdAt.desc()),
    foreignKey({
      name: "model_deployment_events_version_fk",
      columns: [t.workspaceId, t.versionId],
      foreignColumns: [modelVersions.workspaceId, modelVersions.id],
    }).onDelete("cascade"),
  ],
);

/** A test scenario: a customer message and the template that should answer it. */
export const trainingScenarios = pgTable(
  "training_scenarios",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    text: text().notNull(),
    templateId: uuid().notNull(),
    /** easy | medium | hard (free-form in the model; the UI offers these) */
    difficulty: text().notNull().default("medium"),
    tags: jsonb().$type<string[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("training_scenarios_workspace_id_id_key").on(t.workspaceId, t.id),
    index("training_scenarios_workspace_idx").on(t.workspaceId, t.createdAt),
    foreignKey({
      name: "training_scenarios_template_fk",
      columns: [t.workspaceId, t.templateId],
      foreignColumns: [templates.workspaceId, templates.id],
    }).onDelete("cascade"),
  ],
);

/**
 * One run of the workspace's scenarios against one version: the summary here, each scenario's
 * result in scenario_results. Results keep the scenario's text and expected template as they
 * were, so a later edit or deletion of the scenario does not rewrite history.
 */
export const scenarioRuns = pgTable(
  "scenario_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    versionId: uuid().notNull(),
    /** { overall, byDifficulty, unknownLabels } (evaluation/scenarios.ts) */
    summary: jsonb().notNull(),
    actorLabel: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("scenario_runs_workspace_id_id_key").on(t.workspaceId, t.id),
    index("scenario_runs_version_idx").on(t.workspaceId, t.versionId, t.createdAt.desc()),
    foreignKey({
      name: "scenario_runs_version_fk",
      columns: [t.workspaceId, t.versionId],
      foreignColumns: [modelVersions.workspaceId, modelVersions.id],
    }).onDelete("cascade"),
  ],
);

export const scenarioResults = pgTable(
  "scenario_results",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    runId: uuid().notNull(),
    /** The scenario as it was; no foreign key so deleting the scenario keeps the history. */
    scenarioId: uuid(),
    text: text().notNull(),
    expectedTemplateId: uuid().notNull(),
    predictedTemplateId: uuid(),
    difficulty: text().notNull(),
    confidence: real().notNull(),
    confident: boolean().notNull(),
    rank: integer(),
    passed: boolean().notNull(),
  },
  (t) => [
    index("scenario_results_run_idx").on(t.workspaceId, t.runId),
    foreignKey({
      name: "scenario_results_run_fk",
      columns: [t.workspaceId, t.runId],
      foreignColumns: [scenarioRuns.workspaceId, scenarioRuns.id],
    }).onDelete("cascade"),
  ],
);

export type ModelVersionRow = typeof modelVersions.$inferSelect;
export type TrainingScenarioRow = typeof trainingScenarios.$inferSelect;
