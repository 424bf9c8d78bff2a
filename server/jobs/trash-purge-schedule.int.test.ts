import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { getDatabase } from "@/db";
import { readRows } from "@/db/migrate";
import { auditLog, jobRuns, templates } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { templateTrashPurgeJob } from "@/server/jobs/definitions/template-trash-purge";
import { claimScheduledRun, enqueueTrashPurges } from "@/server/jobs/scheduler";
import { type RunningWorker, startWorker } from "@/server/jobs/worker";
import { TRASH_DAYS } from "@/server/templates/store/trash";
import { testDatabase } from "@/test/db";
import { type Caller, signUpOwner, type TestWorkspace } from "@/test/factories";
import { waitFor, waitForJobState } from "@/test/jobs";
import { orderStatusDraft } from "@/test/template-drafts";

/**
 * Issue #11: the trash is purged by a scheduled job, not only by hand. A template trashed more
 * than 30 days ago goes; one trashed now stays.
 */
let db: Database;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await worker?.stop({ timeoutMs: 5000 });
});

/** A workspace with two trashed templates: one deleted TRASH_DAYS + 1 days ago, one now. */
async function trashedPair(name: string) {
  const { caller, workspace } = await signUpOwner(db, { workspaceName: name });
  const old = await caller.templates.create(orderStatusDraft({ name: "Long gone" }));
  const fresh = await caller.templates.create(orderStatusDraft({ name: "Just deleted" }));
  await caller.templates.remove({ ids: [old.id, fresh.id] });
  await withTenant(db, workspace.id, (tx) =>
    tx
      .update(templates)
      .set({ deletedAt: new Date(Date.now() - (TRASH_DAYS + 1) * 864e5) })
      .where(eq(templates.id, old.id)),
  );
  return { caller, workspace, oldId: old.id, freshId: fresh.id };
}

async function trashIds(caller: Caller) {
  return (await caller.templates.trash.list()).map((t) => t.id);
}

async function purgeJobs(workspace: TestWorkspace) {
  return withTenant(db, workspace.id, (tx) =>
    tx
      .select()
      .from(jobRuns)
      .where(
        and(eq(jobRuns.workspaceId, workspace.id), eq(jobRuns.name, templateTrashPurgeJob.name)),
      ),
  );
}

describe("scheduled trash purge", () => {
  it("one worker claims each run of a task per interval", async () => {
    const task = `test-task-${crypto.randomUUID()}`;
    const now = new Date();
    expect(await claimScheduledRun(db, task, 3600, "worker-a", now)).toBe(true);
    expect(await claimScheduledRun(db, task, 3600, "worker-b", now)).toBe(false);
    const later = new Date(now.getTime() + 1_800_000);
    expect(await claimScheduledRun(db, task, 3600, "worker-b", later)).toBe(false);
    const next = new Date(now.getTime() + 3_600_000);
    const claims = await Promise.all(
      ["worker-a", "worker-b", "worker-c"].map((w) => claimScheduledRun(db, task, 3600, w, next)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("enqueues one job per workspace with expired trash; the job purges only the expired", async () => {
    const { caller, workspace, oldId, freshId } = await trashedPair("Purge by job");
    const clean = await signUpOwner(db, { workspaceName: "Nothing to purge" });
    expect(await enqueueTrashPurges(db)).toBeGreaterThanOrEqual(1);
    // Queued already: a second tick (another worker) adds no second job for this workspace.
    await enqueueTrashPurges(db);
    const jobs = await purgeJobs(workspace);
    expect(jobs).toHaveLength(1);
    expect(await purgeJobs(clean.workspace)).toEqual([]);
    // Nothing is purged until a worker runs the job.
    expect((await trashIds(caller)).sort()).toEqual([oldId, freshId].sort());

    worker = await startWorker(await getDatabase(), {
      mode: "in-process",
      definitions: [templateTrashPurgeJob],
      maintenanceIntervalSeconds: 1,
      heartbeatSeconds: 1,
    });
    await waitForJobState(db, workspace.id, jobs[0]?.id ?? "", ["completed"]);
    expect(await trashIds(caller)).toEqual([freshId]);
    const audit = await withTenant(db, workspace.id, (tx) =>
      tx
        .select({ action: auditLog.action, entityId: auditLog.entityId })
        .from(auditLog)
        .where(and(eq(auditLog.workspaceId, workspace.id), eq(auditLog.action, "template.purge"))),
    );
    expect(audit).toEqual([{ action: "template.purge", entityId: oldId }]);
    await worker.stop({ timeoutMs: 5000 });
    worker = undefined;
  });

  it("a worker started with schedules purges on its own timer", async () => {
    const { caller, oldId, freshId } = await trashedPair("Purge by timer");
    // Any earlier claim of the real task is made due again, as an hour later would.
    await db.execute(
      sql`update scheduled_tasks set last_run_at = now() - interval '2 hours' where name = 'template-trash-purge'`,
    );
    worker = await startWorker(await getDatabase(), {
      mode: "in-process",
      definitions: [templateTrashPurgeJob],
      maintenanceIntervalSeconds: 1,
      heartbeatSeconds: 1,
      schedules: { everySeconds: 3600, checkSeconds: 1 },
    });
    await waitFor(async () => !(await trashIds(caller)).includes(oldId), {
      ms: 30_000,
      what: "the expired template to be purged",
    });
    expect(await trashIds(caller)).toEqual([freshId]);
    const [claim] = readRows<{ last_run_by: string }>(
      await db.execute(
        sql`select last_run_by from scheduled_tasks where name = 'template-trash-purge'`,
      ),
    );
    expect(claim?.last_run_by).toBe(worker.id);
  });
});
