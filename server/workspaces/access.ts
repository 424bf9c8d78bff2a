import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { type MemberRole, memberships, workspaces } from "@/db/schema";
import { withTenant, withUser } from "@/db/tenant";
import { readAsUser } from "@/db/tenant-read";

export type WorkspaceAccess = {
  workspace: {
    id: string;
    name: string;
    slug: string;
    locale: string;
    currency: string;
    timezone: string;
  };
  role: MemberRole;
};

const ROLE_RANK: Record<MemberRole, number> = { agent: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: MemberRole, minimum: MemberRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

const workspaceColumns = {
  id: workspaces.id,
  name: workspaces.name,
  slug: workspaces.slug,
  locale: workspaces.locale,
  currency: workspaces.currency,
  timezone: workspaces.timezone,
};

/** The workspaces a user belongs to, for the switcher and for picking a default. */
export function listWorkspacesForUser(db: Database, userId: string): Promise<WorkspaceAccess[]> {
  return withUser(db, userId, async (tx) => {
    const rows = await tx
      .select({ ...workspaceColumns, role: memberships.role })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(workspaces.name));
    return rows.map(({ role, ...workspace }) => ({ workspace, role }));
  });
}

/** The user's membership in the workspace with this slug, or null (not found or not a member). */
export async function findAccessBySlug(
  db: Database,
  userId: string,
  slug: string,
): Promise<WorkspaceAccess | null> {
  // Every workspace request asks this first: one round trip (db/tenant-read.ts), not three.
  const [row] = await readAsUser(db, userId, (tx) =>
    tx
      .select({ ...workspaceColumns, role: memberships.role })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(and(eq(memberships.userId, userId), eq(workspaces.slug, slug)))
      .limit(1),
  );
  if (!row) return null;
  const { role, ...workspace } = row;
  return { workspace, role };
}

/** The workspace an API key belongs to (keys always act in exactly one workspace). */
export async function findWorkspaceById(db: Database, workspaceId: string) {
  const [row] = await withTenant(db, workspaceId, (tx) =>
    tx.select(workspaceColumns).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1),
  );
  return row ?? null;
}
