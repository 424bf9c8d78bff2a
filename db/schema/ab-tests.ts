import { sql } from "drizzle-orm";
import {
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { userRef, workspaceId } from "./columns";
import { conversations } from "./inbox";
import { templates } from "./templates";

/**
 * An A/B test of a template's reply text (server/abtests). Fixed horizon: `planned_per_variant`
 * comes from the power analysis at creation and the verdict stays hidden until every variant has
 * reached it. One running test per template at a time (partial unique index).
 */
export const abTests = pgTable(
  "ab_tests",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    templateId: uuid().notNull(),
    name: text().notNull(),
    /** draft | running | stopped | completed */
    status: text().notNull().default("draft"),
    /** resolution_rate | csat | acceptance */
    metric: text().notNull(),
    alpha: doublePrecision().notNull().default(0.05),
    power: doublePrecision().notNull().default(0.8),
    /** Absolute minimum detectable effect: rate points (0.1) or CSAT points (0.3). */
    mde: doublePrecision().notNull(),
    /** Base rate for rate metrics; null for CSAT. */
    baseRate: doublePrecision(),
    /** Assumed standard deviation of CSAT; null for rate metrics. */
    sd: doublePrecision(),
    plannedPerVariant: integer().notNull(),
    startedAt: timestamp({ withTimezone: true }),
    stoppedAt: timestamp({ withTimezone: true }),
    winnerVariantId: uuid(),
    /** The template version the promotion created. */
    promotedVersion: integer(),
    createdBy: userRef(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("ab_tests_workspace_id_id_key").on(t.workspaceId, t.id),
    index("ab_tests_workspace_template_idx").on(t.workspaceId, t.templateId, t.createdAt),
    uniqueIndex("ab_tests_one_running_idx")
      .on(t.workspaceId, t.templateId)
      .where(sql`${t.status} = 'running'`),
    check("ab_tests_status_check", sql`${t.status} in ('draft','running','stopped','completed')`),
    check("ab_tests_metric_check", sql`${t.metric} in ('resolution_rate','csat','acceptance')`),
    foreignKey({
      name: "ab_tests_template_fk",
      columns: [t.workspaceId, t.templateId],
      foreignColumns: [templates.workspaceId, templates.id],
    }).onDelete("cascade"),
  ],
);

/** A variant: a reply body and its traffic weight. Position 0 is the control. */
export const abTestVariants = pgTable(
  "ab_test_variants",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    testId: uuid().notNull(),
    position: integer().notNull(),
    label: text().notNull(),
    content: text().notNull(),
    weight: integer().notNull(),
    /** The template version the body was copied from, when it was. */
    sourceVersion: integer(),
  },
  (t) => [
    unique("ab_test_variants_workspace_id_id_key").on(t.workspaceId, t.id),
    uniqueIndex("ab_test_variants_position_idx").on(t.workspaceId, t.testId, t.position),
    check("ab_test_variants_weight_check", sql`${t.weight} > 0`),
    foreignKey({
      name: "ab_test_variants_test_fk",
      columns: [t.workspaceId, t.testId],
      foreignColumns: [abTests.workspaceId, abTests.id],
    }).onDelete("cascade"),
  ],
);

/**
 * A conversation's variant, stored on first exposure (a suggestion shown or a reply sent). The
 * variant is a pure function of (test, conversation), so the row only records the exposure for
 * results to join; inserting it twice is a no-op.
 */
export const abTestAssignments = pgTable(
  "ab_test_assignments",
  {
    workspaceId: workspaceId(),
    testId: uuid().notNull(),
    conversationId: uuid().notNull(),
    variantId: uuid().notNull(),
    assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.testId, t.conversationId] }),
    foreignKey({
      name: "ab_test_assignments_test_fk",
      columns: [t.workspaceId, t.testId],
      foreignColumns: [abTests.workspaceId, abTests.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "ab_test_assignments_variant_fk",
      columns: [t.workspaceId, t.variantId],
      foreignColumns: [abTestVariants.workspaceId, abTestVariants.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "ab_test_assignments_conversation_fk",
      columns: [t.workspaceId, t.conversationId],
      foreignColumns: [conversations.workspaceId, conversations.id],
    }).onDelete("cascade"),
  ],
);

export type AbTestRow = typeof abTests.$inferSelect;
export type AbTestVariantRow = typeof abTestVariants.$inferSelect;
