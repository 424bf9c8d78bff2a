import type { ApiKeyScope, MemberRole } from "@/db/schema";

/** Who is calling: a signed-in user or an API key. Built by the tRPC context. */
export type Actor =
  | { type: "user"; userId: string; email: string; name: string | null }
  | { type: "api_key"; keyId: string; workspaceId: string; scope: ApiKeyScope; name: string };

/** The caller inside one workspace, after membership or key checks. */
export type WorkspaceActor = Actor & { role: MemberRole; ip: string | null };

/** The operator at the command line (CLI, seed): acts with an owner's rights, audited as "system". */
export type SystemActor = { type: "system"; role: "owner"; ip: null };
export const SYSTEM_ACTOR: SystemActor = { type: "system", role: "owner", ip: null };

export function actorLabel(actor: Actor): string {
  return actor.type === "user" ? actor.email : `API key "${actor.name}"`;
}
