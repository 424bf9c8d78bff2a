import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { workspaces } from "./workspaces";

export const apiKeyScope = pgEnum("api_key_scope", ["read", "write"]);
export type ApiKeyScope = (typeof apiKeyScope.enumValues)[number];

/** Keys look like `pk_<prefix>_<secret>`; only sha256(key) is stored, the prefix is shown. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text().notNull(),
    prefix: text().notNull(),
    secretHash: text().notNull(),
    scope: apiKeyScope().notNull(),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("api_keys_workspace_idx").on(t.workspaceId),
    uniqueIndex("api_keys_secret_hash_idx").on(t.secretHash),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
