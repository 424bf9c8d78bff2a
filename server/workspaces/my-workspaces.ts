import type { Database } from "@/db";
import type { Actor } from "@/server/audit/actor";
import { forbidden } from "@/server/errors";
import { listWorkspacesForUser } from "./access";
import { type CreatedWorkspace, createWorkspaceWithOwner } from "./create-workspace";

type UserActor = Extract<Actor, { type: "user" }>;

/** Keys act in their one workspace; listing or creating workspaces is for people. */
export function requireUser(actor: Actor): UserActor {
  if (actor.type !== "user") throw forbidden("API keys cannot list or create workspaces");
  return actor;
}

/** The switcher: every workspace the user belongs to, with their role there. */
export async function myWorkspaces(db: Database, actor: Actor) {
  const user = requireUser(actor);
  const rows = await listWorkspacesForUser(db, user.userId);
  return rows.map(({ workspace, role }) => ({
    id: workspace.id,
    name: workspace.name,
    slug: workspace.slug,
    role,
  }));
}

export function createWorkspaceForUser(
  db: Database,
  actor: Actor,
  input: { name: string; ip: string | null },
): Promise<CreatedWorkspace> {
  const user = requireUser(actor);
  return createWorkspaceWithOwner(db, {
    name: input.name,
    owner: { userId: user.userId, email: user.email, name: user.name },
    ip: input.ip,
  });
}
