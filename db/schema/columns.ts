import { text, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { workspaces } from "./workspaces";

/**
 * Column builders every tenant table shares, so the tenancy key is declared one way: a
 * workspace's rows go when the workspace goes, and a deleted user leaves their rows behind with
 * no author.
 */
export const workspaceId = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });

export const userRef = () => text().references(() => users.id, { onDelete: "set null" });
