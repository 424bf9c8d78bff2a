import { bigint, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaceId } from "./columns";

/**
 * Daily roll-ups of template_usage_events: one row per (UTC day, template, template version,
 * category, agent) with the counts and sums every analytics rate needs. Recomputed whole per
 * day by the analytics roll-up job (delete + insert of the day range in one transaction), so a
 * rerun writes the same rows. Dashboards read these for past days and raw events only for today.
 * No foreign keys on purpose: the history outlives deleted templates, categories and users.
 */
export const analyticsDaily = pgTable(
  "analytics_daily",
  {
    workspaceId: workspaceId(),
    day: date({ mode: "string" }).notNull(),
    templateId: uuid(),
    templateVersion: integer(),
    categoryId: uuid(),
    agentId: text(),
    shown: integer().notNull().default(0),
    inserted: integer().notNull().default(0),
    sent: integer().notNull().default(0),
    edited: integer().notNull().default(0),
    editDistanceSum: bigint({ mode: "number" }).notNull().default(0),
    conversations: integer().notNull().default(0),
    resolved: integer().notNull().default(0),
    reopened: integer().notNull().default(0),
    csatSum: integer().notNull().default(0),
    csatCount: integer().notNull().default(0),
    responseMsSum: bigint({ mode: "number" }).notNull().default(0),
    responseCount: integer().notNull().default(0),
    computedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("analytics_daily_day_idx").on(t.workspaceId, t.day),
    index("analytics_daily_template_idx").on(t.workspaceId, t.templateId, t.day),
  ],
);

export type AnalyticsDailyRow = typeof analyticsDaily.$inferSelect;
