import type { Tx } from "@/db";
import type { SystemActor, WorkspaceActor } from "@/server/audit/actor";
import type { AuditEvent } from "@/server/audit/record";

/**
 * What a workspace-scoped domain function needs: the tenant transaction, the workspace, the
 * caller with their role, and the audit writer. The tRPC workspace context has this shape; the
 * CLI and tests build one around withTenant and recordAudit.
 */
export type TenantScope = {
  tx: Tx;
  workspace: { id: string; name: string; slug: string };
  actor: WorkspaceActor | SystemActor;
  audit: (event: AuditEvent) => Promise<void>;
};
