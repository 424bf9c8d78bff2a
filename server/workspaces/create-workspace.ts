import type { Database } from "@/db";
import { memberships, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { WorkspaceActor } from "@/server/audit/actor";
import { recordAudit } from "@/server/audit/record";
import { isUniqueViolation } from "@/server/errors";
import { slugCandidates } from "./slug";

export type CreatedWorkspace = { id: string; slug: string; name: string };

const MAX_SLUG_ATTEMPTS = 40;

/**
 * A new workspace with `owner` as its owner, and its first audit row. Slugs are unique across
 * all workspaces, but a tenant transaction cannot see other tenants' slugs, so we try the
 * candidates in turn and let the unique index decide. `db` may be a transaction: each attempt
 * is then a savepoint, and the caller's earlier writes (the new user at sign-up) stay.
 */
export async function createWorkspaceWithOwner(
  db: Database,
  input: {
    name: string;
    owner: { userId: string; email: string; name: string | null };
    ip: string | null;
  },
): Promise<CreatedWorkspace> {
  const actor: WorkspaceActor = { type: "user", ...input.owner, role: "owner", ip: input.ip };
  let attempts = 0;
  for (const slug of slugCandidates(input.name)) {
    attempts++;
    // Pre-generated so the insert can already run inside this workspace's tenant scope.
    const id = crypto.randomUUID();
    try {
      return await withTenant(db, id, async (tx) => {
        await tx.insert(workspaces).values({ id, name: input.name, slug });
        await tx
          .insert(memberships)
          .values({ workspaceId: id, userId: actor.userId, role: "owner" });
        await recordAudit(tx, id, actor, {
          action: "workspace.create",
          entityType: "workspace",
          entityId: id,
          summary: { name: input.name, slug },
        });
        return { id, slug, name: input.name };
      });
    } catch (error) {
      if (isUniqueViolation(error, "workspaces_slug_idx") && attempts < MAX_SLUG_ATTEMPTS) continue;
      throw error;
    }
  }
  throw new Error("unreachable: slug candidates never run out");
}
