import type { Tx } from "@/db";
import { auditLog } from "@/db/schema";
import { actorLabel, type SystemActor, type WorkspaceActor } from "./actor";

export type AuditEvent = {
  /** `<entity>.<verb>`, e.g. "member.invite", "api_key.revoke". */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** What changed, never secrets: the logger's redaction does not run here. */
  summary?: Record<string, unknown>;
};

/** Writes one audit row in the caller's transaction, so it commits or rolls back with the change. */
export async function recordAudit(
  tx: Tx,
  workspaceId: string,
  actor: WorkspaceActor | SystemActor,
  event: AuditEvent,
): Promise<void> {
  await tx.insert(auditLog).values({
    workspaceId,
    actorType: actor.type,
    actorId: actor.type === "user" ? actor.userId : actor.type === "api_key" ? actor.keyId : null,
    actorLabel: actor.type === "system" ? "system" : actorLabel(actor),
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    summary: event.summary ?? {},
    ip: actor.type === "system" ? null : actor.ip,
  });
}
