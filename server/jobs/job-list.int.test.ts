import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { jobRuns } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { testDatabase } from "@/test/db";
import { type Caller, catchError, signUpOwner } from "@/test/factories";
import { enqueueAsSystem } from "@/test/jobs";
import { echoJob, stepsJob as registeredStepsJob } from "./definitions/diagnostics";
import { ensureJobQueues } from "./queues";

/**
 * The Jobs page's list: every job once across pages (keyset on created_at, id), filters by
 * status and type on the server, a forged cursor refused, and the types the workspace has run.
 */
// Their own queues and no worker: the jobs stay queued unless a test moves them.
const stepsJob = { ...registeredStepsJob, name: "test-steps-list" };
const otherJob = { ...echoJob, name: "test-echo-list" };
const SYSTEM = { type: "system", label: "system" } as const;

let db: Database;
let owner: Caller;
const steps: string[] = [];
let other: string;

beforeAll(async () => {
  db = await testDatabase();
  await ensureJobQueues(db, [stepsJob, otherJob]);
  const signed = await signUpOwner(db);
  owner = signed.caller;
  const workspaceId = signed.workspace.id;
  for (let i = 0; i < 5; i++) {
    steps.push(
      await enqueueAsSystem(db, stepsJob, { workspaceId, actor: SYSTEM, steps: 1, stepMs: 0 }),
    );
  }
  other = await enqueueAsSystem(db, otherJob, { workspaceId, actor: SYSTEM, enqueuedAt: 0 });
  // Two of the steps jobs failed; they keep their place in time.
  await withTenant(db, workspaceId, (tx) =>
    tx
      .update(jobRuns)
      .set({ state: "failed", error: "boom" })
      .where(sql`${jobRuns.id} in (${steps[0]}, ${steps[3]})`),
  );
});

describe("jobs.list", () => {
  it("pages through every job once, newest first", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: Awaited<ReturnType<typeof owner.jobs.list>> = await owner.jobs.list({
        limit: 2,
        cursor,
      });
      expect(result.items.length).toBeLessThanOrEqual(2);
      seen.push(...result.items.map((job) => job.id));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([other, ...[...steps].reverse()]);
  });

  it("filters by status and by type on the server", async () => {
    const failed = await owner.jobs.list({ states: ["failed"] });
    expect(failed.items.map((job) => job.id)).toEqual([steps[3], steps[0]]);
    expect(failed.items.every((job) => job.error === "boom")).toBe(true);
    const running = await owner.jobs.list({ states: ["queued", "active", "retrying"] });
    expect(running.items.map((job) => job.id)).toEqual([other, steps[4], steps[2], steps[1]]);
    const echo = await owner.jobs.list({ name: otherJob.name });
    expect(echo.items.map((job) => job.id)).toEqual([other]);
    const failedEcho = await owner.jobs.list({ name: otherJob.name, states: ["failed"] });
    expect(failedEcho).toEqual({ items: [], nextCursor: null });
    // A filtered page ends where the filter's rows end, not after a page of others.
    const firstFailed = await owner.jobs.list({ states: ["failed"], limit: 1 });
    expect(firstFailed.items.map((job) => job.id)).toEqual([steps[3]]);
    const secondFailed = await owner.jobs.list({
      states: ["failed"],
      limit: 1,
      cursor: firstFailed.nextCursor,
    });
    expect(secondFailed).toMatchObject({ items: [{ id: steps[0] }], nextCursor: null });
  });

  it("refuses a forged cursor or an unknown status with BAD_REQUEST", async () => {
    const forged = Buffer.from(JSON.stringify({ t: "2024-02-30T00:00:00Z", i: other })).toString(
      "base64url",
    );
    for (const input of [
      { cursor: forged },
      { cursor: "not a cursor" },
      { cursor: Buffer.from('{"t":"2024-01-01T00:00:00Z","i":"x"}').toString("base64url") },
      { states: ["sleeping"] as unknown as ["failed"] },
    ]) {
      expect((await catchError(owner.jobs.list(input))).code).toBe("BAD_REQUEST");
    }
  });

  it("lists the job types this workspace has run, by title", async () => {
    const types = await owner.jobs.types();
    expect(types.map((type) => type.name).sort()).toEqual([otherJob.name, stepsJob.name].sort());
    expect(types.every((type) => type.title.length > 0)).toBe(true);
  });
});
