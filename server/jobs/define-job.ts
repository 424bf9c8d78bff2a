import { z } from "zod";
import type { Database, Tx } from "@/db";
import type { WorkspaceScope } from "@/server/access/run-in-workspace";

/**
 * Who asked for a job, carried in every payload so the worker can say so (audit, UI). The
 * worker itself acts in the system scope of the payload's workspace (server/access).
 */
export const jobActorSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), userId: z.string(), label: z.string() }),
  z.object({ type: z.literal("api_key"), keyId: z.string(), label: z.string() }),
  z.object({ type: z.literal("system"), label: z.literal("system") }),
]);
export type JobActor = z.infer<typeof jobActorSchema>;

/** Every job payload has at least these: the workspace it acts in and who asked. */
export const basePayloadSchema = z.object({ workspaceId: z.uuid(), actor: jobActorSchema });
export type BasePayload = z.infer<typeof basePayloadSchema>;

/** What a handler gets besides its payload. */
export type JobContext = {
  db: Database;
  jobId: string;
  workspaceId: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  /** True when a failure now would not be retried. */
  lastAttempt: boolean;
  /** Aborted when the job is cancelled (checked at progress and step boundaries) or times out. */
  signal: AbortSignal;
  /**
   * Reports progress (0–100) with an optional message and data (e.g. `{ step, steps,
   * etaSeconds }` for training): a job_events row in its own short transaction, then NOTIFY.
   */
  progress: (percent: number, message?: string, data?: Record<string, unknown>) => Promise<void>;
  /**
   * Runs step `index` once across retries: `fn`'s writes and the step's ledger row commit in
   * one tenant transaction; a step already in the ledger is skipped (returns false).
   */
  step: (index: number, fn: (scope: WorkspaceScope) => Promise<void>) => Promise<boolean>;
  /** A short tenant transaction in the system scope of the job's workspace. */
  run: <T>(fn: (scope: WorkspaceScope) => Promise<T>) => Promise<T>;
  /** The large input stored with the job (job_runs.input), if any. */
  input: () => Promise<string | null>;
};

/**
 * Method syntax on purpose: parameters of methods are bivariant, so a definition with a
 * narrower payload still fits in the registry's `JobDefinition[]`; the worker parses every
 * payload with the definition's own schema before calling its handler.
 */
export type JobHandler<P> = {
  run(context: JobContext, payload: P): Promise<unknown>;
}["run"];

export type JobDefinition<P extends BasePayload = BasePayload> = {
  /** The pg-boss queue name: letters, digits, dashes. */
  name: string;
  /** Shown on the Jobs page. */
  title: string;
  payload: z.ZodType<P>;
  /** The handler lives in its own file, loaded when the worker first needs it. */
  handler: () => Promise<JobHandler<P>>;
  /** A run longer than this fails (and is retried if it may be). */
  timeoutSeconds: number;
  /** Retries after the first attempt; delays grow exponentially from retryDelaySeconds. */
  retryLimit: number;
  retryDelaySeconds: number;
  /**
   * A key that makes a second job with the same key a no-op while one is queued or running
   * (pg-boss "stately" policy); undefined: every enqueue creates a job.
   */
  singletonKey?(payload: P): string;
  /** Jobs fetched per poll; each job still runs and records its outcome on its own. */
  batchSize: number;
  /** Pollers per worker process for this queue (each fetches its own batches); default 1. */
  concurrency?: number;
};

export function defineJob<P extends BasePayload>(definition: JobDefinition<P>): JobDefinition<P> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name))
    throw new Error(`bad job name ${definition.name}`);
  return definition;
}

/** A failure that retrying cannot fix (bad input, deleted workspace): fails the job at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

/** Why a handler stopped early: the job was cancelled by an admin. */
export class JobCancelledError extends Error {
  constructor() {
    super("cancelled");
    this.name = "JobCancelledError";
  }
}

export type { Tx };
