import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { apiRateLimits, jobEvents, jobRuns, jobSteps } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { testDatabase } from "@/test/db";
import {
  addMember,
  type Caller,
  callerFor,
  catchError,
  createKey,
  signUpOwner,
} from "@/test/factories";
import { enqueueAsSystem } from "@/test/jobs";
import { stepsJob as registeredStepsJob } from "./definitions/diagnostics";
import { appendJobEvent } from "./job-events";
import { ensureJobQueues } from "./queues";

// Its own queue and no worker: jobs stay queued for cancel and retry.
const stepsJob = { ...registeredStepsJob, name: "test-steps-isolation" };
const SYSTEM = { type: "system", label: "system" } as const;

let db: Database;
type Tenant = Awaited<ReturnType<typeof signUpOwner>> & { jobId: string; keyCaller: Caller };
let a: Tenant;
let b: Tenant;

async function tenant(): Promise<Tenant> {
  const owner = await signUpOwner(db);
  const jobId = await enqueueAsSystem(db, stepsJob, {
    workspaceId: owner.workspace.id,
    actor: SYSTEM,
    steps: 1,
    stepMs: 0,
  });
  await withTenant(db, owner.workspace.id, async (tx) => {
    await appendJobEvent(tx, owner.workspace.id, jobId, { kind: "progress", progress: 10 });
    await tx.insert(jobSteps).values({ workspaceId: owner.workspace.id, jobId, step: 1 });
    await tx
      .insert(apiRateLimits)
      .values({ workspaceId: owner.workspace.id, bucket: "workspace", tokens: 5 });
  });
  const key = await createKey(db, owner.caller, "write");
  return { ...owner, jobId, keyCaller: key.caller };
}

async function bossState(id: string) {
  return readRows<{ state: string }>(
    await db.execute(sql`select state from pgboss.job where id = ${id}`),
  )[0]?.state;
}

beforeAll(async () => {
  db = await testDatabase();
  await ensureJobQueues(db, [stepsJob]);
  a = await tenant();
  b = await tenant();
});

describe("jobs isolation", () => {
  it("B's people and keys cannot list, read, cancel or retry A's jobs", async () => {
    const intruder = await callerFor(db, { user: b.user, slug: a.workspace.slug });
    for (const attempt of [
      () => intruder.jobs.list({}),
      () => intruder.jobs.get({ id: a.jobId }),
      () => intruder.jobs.cancel({ id: a.jobId }),
      () => intruder.jobs.retry({ id: a.jobId }),
    ]) {
      expect((await catchError(attempt())).code).toBe("NOT_FOUND");
    }
    for (const caller of [b.caller, b.keyCaller]) {
      expect((await catchError(caller.jobs.get({ id: a.jobId }))).code).toBe("NOT_FOUND");
      expect((await catchError(caller.jobs.cancel({ id: a.jobId }))).code).toBe("NOT_FOUND");
      expect((await catchError(caller.jobs.retry({ id: a.jobId }))).code).toBe("NOT_FOUND");
      expect((await caller.jobs.list({})).items.map((j) => j.id)).toEqual([b.jobId]);
    }
    expect(await bossState(a.jobId)).toBe("created");
  });

  it("the cancel and retry functions do nothing to another workspace's job", async () => {
    const [cancelled] = await withTenant(db, b.workspace.id, async (tx) =>
      readRows<{ changed: boolean }>(
        await tx.execute(sql`select parley_cancel_job(${a.jobId}::uuid) as changed`),
      ),
    );
    expect(cancelled?.changed).toBe(false);
    expect(await bossState(a.jobId)).toBe("created");
  });

  it("RLS hides and protects job runs, events, steps and rate-limit buckets across workspaces", async () => {
    await withTenant(db, b.workspace.id, async (tx) => {
      for (const table of [jobRuns, jobEvents, jobSteps, apiRateLimits]) {
        const rows = await tx.select().from(table);
        expect(rows.every((r) => r.workspaceId === b.workspace.id)).toBe(true);
        expect(rows.length).toBeGreaterThan(0);
      }
      const updated = await tx
        .update(jobRuns)
        .set({ state: "failed" })
        .where(sql`${jobRuns.id} = ${a.jobId}`)
        .returning();
      expect(updated).toEqual([]);
    });
    await expect(
      withTenant(db, b.workspace.id, (tx) =>
        tx.insert(jobEvents).values({ workspaceId: a.workspace.id, jobId: a.jobId, kind: "done" }),
      ),
    ).rejects.toThrow();
  });

  it("admins cancel and retry their own jobs; agents and read keys may only read them", async () => {
    const { caller: agent } = await addMember(db, a.workspace, "agent");
    expect((await catchError(agent.jobs.list({}))).code).toBe("FORBIDDEN");
    expect((await agent.jobs.get({ id: a.jobId })).state).toBe("queued");
    const readKey = await createKey(db, a.caller, "read");
    expect((await readKey.caller.jobs.get({ id: a.jobId })).id).toBe(a.jobId);
    expect((await catchError(readKey.caller.jobs.cancel({ id: a.jobId }))).code).toBe("FORBIDDEN");

    const cancelled = await a.caller.jobs.cancel({ id: a.jobId });
    expect(cancelled.state).toBe("cancelled");
    expect(await bossState(a.jobId)).toBe("cancelled");
    const retried = await a.caller.jobs.retry({ id: a.jobId });
    expect(retried.state).toBe("queued");
    expect(await bossState(a.jobId)).toBe("created");
    const { items } = await a.caller.audit.list({});
    expect(items.map((i) => i.action)).toEqual(expect.arrayContaining(["job.cancel", "job.retry"]));
  });
});
