import { eq } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import { forgetWorkspaceAccess } from "@/server/access/access-cache";
import { conflict, isUniqueViolation, notFound } from "@/server/errors";
import { SLUG_NOT_AVAILABLE, type WorkspaceSettingsInput } from "./schemas";
import type { TenantScope } from "./scope";

const columns = {
  id: workspaces.id,
  name: workspaces.name,
  slug: workspaces.slug,
  locale: workspaces.locale,
  currency: workspaces.currency,
  timezone: workspaces.timezone,
};

export type WorkspaceSettings = {
  id: string;
  name: string;
  slug: string;
  locale: string;
  currency: string;
  timezone: string;
};

/** The workspace with the caller's role in it. */
export async function getWorkspace(scope: TenantScope) {
  const [row] = await scope.tx
    .select(columns)
    .from(workspaces)
    .where(eq(workspaces.id, scope.workspace.id))
    .limit(1);
  if (!row) throw notFound("Workspace");
  return { ...row, role: scope.actor.role };
}

/** Changes the given settings; the audit row keeps each changed field's old and new value. */
export async function updateWorkspace(
  scope: TenantScope,
  input: WorkspaceSettingsInput,
): Promise<WorkspaceSettings> {
  const current = await getWorkspace(scope);
  const changes: Partial<WorkspaceSettingsInput> = {};
  const summary: Record<string, { from: string; to: string }> = {};
  for (const key of ["name", "slug", "locale", "currency", "timezone"] as const) {
    const value = input[key];
    if (value !== undefined && value !== current[key]) {
      changes[key] = value;
      summary[key] = { from: current[key], to: value };
    }
  }
  const { role: _role, ...unchanged } = current;
  if (Object.keys(changes).length === 0) return unchanged;

  let updated: WorkspaceSettings | undefined;
  try {
    // A savepoint, so a taken slug becomes a clean CONFLICT instead of an aborted transaction.
    [updated] = await scope.tx.transaction((tx) =>
      tx
        .update(workspaces)
        .set({ ...changes, updatedAt: new Date() })
        .where(eq(workspaces.id, scope.workspace.id))
        .returning(columns),
    );
  } catch (error) {
    if (isUniqueViolation(error, "workspaces_slug_idx")) {
      // The same words as for a reserved address: no more said about who has it.
      throw conflict(SLUG_NOT_AVAILABLE, { slug: [SLUG_NOT_AVAILABLE] });
    }
    throw error;
  }
  if (!updated) throw notFound("Workspace");
  forgetWorkspaceAccess();
  await scope.audit({
    action: "workspace.update",
    entityType: "workspace",
    entityId: scope.workspace.id,
    summary,
  });
  return updated;
}
