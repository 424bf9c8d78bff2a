import type { Database, Tx } from "@/db";
import { withTenant } from "@/db/tenant";
import { SYSTEM_ACTOR } from "@/server/audit/actor";
import { type AuditEvent, recordAudit } from "@/server/audit/record";
import type { TenantScope } from "@/server/workspaces/scope";
import type { ResolvedAccess } from "./workspace-access";

export type WorkspaceScope = TenantScope & {
  workspace: ResolvedAccess["workspace"];
  actor: ResolvedAccess["actor"];
  /** How many audit rows this scope recorded so far (tRPC adds a generic one when none). */
  auditCount: () => number;
};

/**
 * Runs `fn` in one short tenant transaction for an admitted caller: RLS bound to the
 * workspace, audit rows in the same transaction. No network calls or long computation inside:
 * read, compute or call outside, then write; side effects that must follow the commit are
 * enqueued as jobs inside it (server/jobs/enqueue.ts).
 */
export function runInWorkspace<T>(
  db: Database,
  access: ResolvedAccess,
  fn: (scope: WorkspaceScope) => Promise<T>,
): Promise<T> {
  const { workspace, actor } = access;
  return withTenant(db, workspace.id, (tx) => {
    let audited = 0;
    const audit = async (event: AuditEvent) => {
      audited++;
      await recordAudit(tx, workspace.id, actor, event);
    };
    return fn({ tx, workspace, actor, audit, auditCount: () => audited });
  });
}

/**
 * The system scope inside a transaction the caller already holds (the seed writes a workspace
 * and its content in one transaction): owner's rights, audited as "system".
 */
export function systemScopeIn<W extends ResolvedAccess["workspace"]>(
  tx: Tx,
  workspace: W,
): WorkspaceScope & { workspace: W } {
  let audited = 0;
  return {
    tx,
    workspace,
    actor: SYSTEM_ACTOR,
    audit: async (event) => {
      audited++;
      await recordAudit(tx, workspace.id, SYSTEM_ACTOR, event);
    },
    auditCount: () => audited,
  };
}
