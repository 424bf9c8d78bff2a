import { and, asc, eq } from "drizzle-orm";
import { type MemberRole, memberships, users } from "@/db/schema";
import { forgetWorkspaceAccess } from "@/server/access/access-cache";
import { endSessionsIfNoWorkspaces } from "@/server/auth/sessions";
import { AppError, forbidden, notFound } from "@/server/errors";
import type { TenantScope } from "./scope";

export type MemberRow = {
  userId: string;
  name: string | null;
  email: string;
  role: MemberRole;
  joinedAt: Date;
};

export async function listMembers(scope: TenantScope): Promise<MemberRow[]> {
  return scope.tx
    .select({
      userId: memberships.userId,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, scope.workspace.id))
    .orderBy(asc(memberships.createdAt), asc(users.email));
}

const lastOwner = () => new AppError("PRECONDITION_FAILED", "A workspace needs at least one owner");

/**
 * The target membership and the workspace's owners, locked (`for update`) so that two owners
 * demoting each other at the same moment cannot both succeed and leave no owner.
 */
async function lockTarget(scope: TenantScope, userId: string) {
  const owners = await scope.tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, scope.workspace.id), eq(memberships.role, "owner")))
    .for("update");
  const [target] = await scope.tx
    .select({ id: memberships.id, role: memberships.role, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, scope.workspace.id), eq(memberships.userId, userId)))
    .for("update", { of: memberships });
  if (!target) throw notFound("Member");
  return { target, ownerCount: owners.length };
}

export async function changeMemberRole(
  scope: TenantScope,
  input: { userId: string; role: MemberRole },
): Promise<{ userId: string; role: MemberRole }> {
  const { target, ownerCount } = await lockTarget(scope, input.userId);
  if (target.role === input.role) return { userId: input.userId, role: input.role };
  const touchesOwner = target.role === "owner" || input.role === "owner";
  if (touchesOwner && scope.actor.role !== "owner") {
    throw forbidden("Only an owner can grant or remove the owner role");
  }
  if (target.role === "owner" && ownerCount <= 1) throw lastOwner();
  await scope.tx.update(memberships).set({ role: input.role }).where(eq(memberships.id, target.id));
  forgetWorkspaceAccess();
  await scope.audit({
    action: "member.change_role",
    entityType: "member",
    entityId: input.userId,
    summary: { email: target.email, from: target.role, to: input.role },
  });
  return { userId: input.userId, role: input.role };
}

export async function removeMember(
  scope: TenantScope,
  input: { userId: string },
): Promise<{ userId: string }> {
  const { target, ownerCount } = await lockTarget(scope, input.userId);
  if (target.role === "owner" && scope.actor.role !== "owner") {
    throw forbidden("Only an owner can remove an owner");
  }
  if (target.role === "owner" && ownerCount <= 1) throw lastOwner();
  await scope.tx.delete(memberships).where(eq(memberships.id, target.id));
  forgetWorkspaceAccess();
  // Someone who now belongs to no workspace at all is signed out everywhere.
  await endSessionsIfNoWorkspaces(scope.tx, input.userId);
  await scope.audit({
    action: "member.remove",
    entityType: "member",
    entityId: input.userId,
    summary: { email: target.email, role: target.role },
  });
  return { userId: input.userId };
}
