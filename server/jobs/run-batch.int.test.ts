import { sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database } from "@/db";
import { getDatabase } from "@/db";
import { readRows } from "@/db/migrate";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { enqueueAsSystem, jobRun } from "@/test/jobs";
import { createBoss } from "./boss";
import { basePayloadSchema, defineJob, PermanentJobError } from "./define-job";
import { ensureJobQueues } from "./queues";
import { RetryBatchError, runBatch } from "./run-job";

const SYSTEM = { type: "system", label: "system" } as const;
const outcomeJob = defineJob({
  name: "test-batch-outcomes",
  title: "Batch outcomes (test)",
  payload: basePayloadSchema.extend({ outcome: z.enum(["ok", "retry", "permanent"]) }),
  handler: async () => async (_context, payload) => {
    if (payload.outcome === "retry") throw new Error("try again");
    if (payload.outcome === "permanent") throw new PermanentJobError("bad input");
    return { ok: true };
  },
  timeoutSeconds: 30,
  retryLimit: 2,
  retryDelaySeconds: 0,
  batchSize: 5,
});

let db: Database;
let boss: PgBoss;
beforeAll(async () => {
  db = await testDatabase();
  await ensureJobQueues(db, [outcomeJob]);
  // The PostgreSQL test database outlives a run: start from an empty queue.
  await db.execute(sql`delete from pgboss.job where name = ${outcomeJob.name}`);
  // No worker: the test fetches and settles as pg-boss's worker loop would.
  boss = createBoss(await getDatabase(), { maintenanceIntervalSeconds: 60 });
  await boss.start();
});
afterAll(async () => {
  await boss.stop({ graceful: false, wait: true });
});

async function bossStates(ids: string[]): Promise<string[]> {
  const rows = readRows<{ id: string; state: string }>(
    await db.execute(
      sql`select id::text, state from pgboss.job where id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    ),
  );
  return ids.map((id) => rows.find((r) => r.id === id)?.state ?? "missing");
}

describe("runBatch", () => {
  it("returns without settling when every job succeeded, leaving the completion to pg-boss", async () => {
    const { workspace } = await signUpOwner(db);
    const id = await enqueueAsSystem(db, outcomeJob, {
      workspaceId: workspace.id,
      actor: SYSTEM,
      outcome: "ok",
    });
    const jobs = await boss.fetch(outcomeJob.name, { batchSize: 5, includeMetadata: true });
    await runBatch(boss, db, outcomeJob, jobs);
    expect(await bossStates([id])).toEqual(["active"]);
    expect((await jobRun(db, workspace.id, id))?.state).toBe("completed");
  });

  it("settles the batch so a job handed back for retry cannot be completed by the batch's late completion", async () => {
    const { workspace } = await signUpOwner(db);
    const enqueue = (outcome: "ok" | "retry" | "permanent") =>
      enqueueAsSystem(db, outcomeJob, { workspaceId: workspace.id, actor: SYSTEM, outcome });
    const ids = [await enqueue("ok"), await enqueue("retry"), await enqueue("permanent")];
    const jobs = await boss.fetch(outcomeJob.name, { batchSize: 5, includeMetadata: true });
    expect(jobs.map((j) => j.id).sort()).toEqual([...ids].sort());

    const settled = runBatch(boss, db, outcomeJob, jobs);
    await expect(settled).rejects.toThrow(RetryBatchError);
    await expect(settled).rejects.toThrow("try again");
    // The retried job is still active: no worker can fetch it before pg-boss fails it, while
    // the rest of the batch is settled already.
    expect(await bossStates(ids)).toEqual(["completed", "active", "failed"]);
    expect(await boss.fetch(outcomeJob.name, { batchSize: 5 })).toEqual([]);

    // What pg-boss's worker does with the error: fail the batch's unsettled jobs.
    await boss.fail(outcomeJob.name, ids);
    expect(await bossStates(ids)).toEqual(["completed", "retry", "failed"]);
    const rows = await Promise.all(ids.map((id) => jobRun(db, workspace.id, id)));
    expect(rows.map((r) => [r?.state, r?.attempts, r?.error])).toEqual([
      ["completed", 1, null],
      ["retrying", 1, "try again"],
      ["failed", 1, "bad input"],
    ]);
    // The late completion pg-boss issues for the whole batch changes nothing now.
    await boss.complete(outcomeJob.name, ids);
    expect(await bossStates(ids)).toEqual(["completed", "retry", "failed"]);
  });
});
