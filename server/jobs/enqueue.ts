import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { jobRuns } from "@/db/schema";
import type { SystemActor, WorkspaceActor } from "@/server/audit/actor";
import type { TenantScope } from "@/server/workspaces/scope";
import { senderBoss } from "./boss";
import type { BasePayload, JobActor, JobDefinition } from "./define-job";
import { JOBS_ENQUEUED_CHANNEL } from "./job-events";
import { txAdapter } from "./tx-adapter";

export type EnqueueOptions = {
  /** A large input kept with the job under RLS (e.g. an import file); the payload stays small. */
  input?: string;
  /** Delay before the first attempt. */
  startAfterSeconds?: number;
  /** Overrides the definition's timeout for this one job. */
  timeoutSeconds?: number;
};

/**
 * Enqueues a job inside the caller's tenant transaction: the pg-boss row and the workspace's
 * job_runs row commit or roll back with everything else the caller wrote, so a side effect
 * (an e-mail) happens only for work that was saved. Returns null when a job with the same
 * singleton key is already queued or running.
 */
export async function enqueueJob<P extends BasePayload>(
  scope: Pick<TenantScope, "tx" | "workspace" | "actor">,
  definition: JobDefinition<P>,
  payload: P,
  options: EnqueueOptions = {},
): Promise<{ jobId: string } | null> {
  const data = definition.payload.parse(payload);
  if (data.workspaceId !== scope.workspace.id) {
    throw new Error("a job's payload must name the workspace of the scope enqueueing it");
  }
  const jobId = randomUUID();
  const sent = await senderBoss().send(definition.name, data, {
    id: jobId,
    db: txAdapter(scope.tx),
    singletonKey: definition.singletonKey?.(data),
    retryLimit: definition.retryLimit,
    retryDelay: definition.retryDelaySeconds,
    retryBackoff: definition.retryDelaySeconds > 0,
    expireInSeconds: options.timeoutSeconds ?? definition.timeoutSeconds,
    startAfter: options.startAfterSeconds,
  });
  if (!sent) {
    if (definition.singletonKey) return null;
    throw new Error(`queue ${definition.name} does not exist (ensureJobQueues not run)`);
  }
  await scope.tx.insert(jobRuns).values({
    id: jobId,
    workspaceId: scope.workspace.id,
    name: definition.name,
    actorLabel: data.actor.label,
    input: options.input ?? null,
  });
  await scope.tx.execute(sql`select pg_notify(${JOBS_ENQUEUED_CHANNEL}, ${definition.name})`);
  return { jobId };
}

/** The payload's actor for whoever holds the scope. */
export function jobActorOf(actor: WorkspaceActor | SystemActor): JobActor {
  if (actor.type === "user") return { type: "user", userId: actor.userId, label: actor.email };
  if (actor.type === "api_key") {
    return { type: "api_key", keyId: actor.keyId, label: `API key "${actor.name}"` };
  }
  return { type: "system", label: "system" };
}
