import { and, desc, eq } from "drizzle-orm";
import { type ApiKeyScope, apiKeys, users } from "@/db/schema";
import { generateApiKey } from "@/server/auth/api-key-secret";
import { notFound } from "@/server/errors";
import type { TenantScope } from "@/server/workspaces/scope";

const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scope: apiKeys.scope,
  createdAt: apiKeys.createdAt,
};

/** Creates a key. The secret is in the return value and nowhere else, ever again. */
export async function createApiKey(
  scope: TenantScope,
  input: { name: string; scope: ApiKeyScope },
) {
  const { key, prefix, secretHash } = generateApiKey();
  const [apiKey] = await scope.tx
    .insert(apiKeys)
    .values({
      workspaceId: scope.workspace.id,
      name: input.name,
      prefix,
      secretHash,
      scope: input.scope,
      createdBy: scope.actor.type === "user" ? scope.actor.userId : null,
    })
    .returning(publicColumns);
  if (!apiKey) throw new Error("insert returned no key");
  await scope.audit({
    action: "api_key.create",
    entityType: "api_key",
    entityId: apiKey.id,
    summary: { name: apiKey.name, scope: apiKey.scope, prefix: apiKey.prefix },
  });
  return { key, apiKey };
}

/** Every key of the workspace, revoked ones included, newest first; never the hash. */
export async function listApiKeys(scope: TenantScope) {
  const rows = await scope.tx
    .select({
      ...publicColumns,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      creatorName: users.name,
      creatorEmail: users.email,
    })
    .from(apiKeys)
    // The creator is visible while still a member (users' RLS policy); otherwise null.
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.workspaceId, scope.workspace.id))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map(({ creatorName, creatorEmail, ...row }) => ({
    ...row,
    createdBy: creatorEmail ? { name: creatorName, email: creatorEmail } : null,
  }));
}

/** Revokes a key at once: the next request with it is refused. Revoking twice is a no-op. */
export async function revokeApiKey(
  scope: TenantScope,
  input: { id: string },
): Promise<{ id: string; revokedAt: Date }> {
  const [current] = await scope.tx
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, input.id), eq(apiKeys.workspaceId, scope.workspace.id)))
    .for("update");
  if (!current) throw notFound("API key");
  if (current.revokedAt) return { id: current.id, revokedAt: current.revokedAt };
  const revokedAt = new Date();
  await scope.tx.update(apiKeys).set({ revokedAt }).where(eq(apiKeys.id, current.id));
  await scope.audit({
    action: "api_key.revoke",
    entityType: "api_key",
    entityId: current.id,
    summary: { name: current.name, prefix: current.prefix },
  });
  return { id: current.id, revokedAt };
}
