import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { jobEvents, templates } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { templateImportJob } from "@/server/jobs/definitions/template-import";
import type { RunningWorker } from "@/server/jobs/worker";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { startTestWorker, waitForJobState } from "@/test/jobs";
import { IMPORT_CHUNK } from "./import-job-handler";

let db: Database;
let worker: RunningWorker;
beforeAll(async () => {
  db = await testDatabase();
  worker = await startTestWorker([templateImportJob]);
});
afterAll(async () => {
  await worker.stop({ timeoutMs: 2_000 });
});

function csv(n: number, bad = false): string {
  const rows = ["name,category,content,triggers"];
  for (let i = 1; i <= n; i++) {
    const content =
      bad && i === n ? "Broken {customer.first_name" : `Reply ${i} for {customer.first_name|there}`;
    rows.push(`Template ${i},Bulk,"${content}",word${i}`);
  }
  return rows.join("\n");
}

async function templateCount(workspaceId: string) {
  const [row] = await withTenant(db, workspaceId, (tx) =>
    tx.select({ n: count() }).from(templates).where(eq(templates.workspaceId, workspaceId)),
  );
  return row?.n ?? 0;
}

describe("large template import as a job", () => {
  it("queues more than 1,000 templates as a job that writes them in chunks with rising progress", async () => {
    const { caller, workspace } = await signUpOwner(db);
    const result = await caller.templates.import({ format: "csv", content: csv(1_100) });
    expect(result.committed).toBe(false);
    expect(result.jobId).toBeDefined();
    const jobId = result.jobId as string;
    const run = await waitForJobState(db, workspace.id, jobId, ["completed", "failed"], 60_000);
    expect(run.state).toBe("completed");
    expect(run.result).toMatchObject({ committed: true, imported: 1_100 });
    expect(await templateCount(workspace.id)).toBe(1_100);
    const events = await withTenant(db, workspace.id, (tx) =>
      tx
        .select()
        .from(jobEvents)
        .where(and(eq(jobEvents.workspaceId, workspace.id), eq(jobEvents.jobId, jobId)))
        .orderBy(jobEvents.id),
    );
    const progress = events.map((e) => e.progress ?? 0);
    expect([...progress].sort((x, y) => x - y)).toEqual(progress);
    expect(events.filter((e) => e.kind === "progress").length).toBe(
      2 + Math.ceil(1_100 / IMPORT_CHUNK),
    );
    expect(events.at(-1)?.kind).toBe("done");
    expect((await caller.jobs.get({ id: jobId })).state).toBe("completed");
  });

  it("writes nothing when an entry of a large file is rejected; small imports stay immediate", async () => {
    const { caller, workspace } = await signUpOwner(db);
    const queued = await caller.templates.import({ format: "csv", content: csv(1_050, true) });
    const run = await waitForJobState(
      db,
      workspace.id,
      queued.jobId as string,
      ["completed", "failed"],
      60_000,
    );
    expect(run.result).toMatchObject({ committed: false, imported: 0, rejectedCount: 1 });
    expect(await templateCount(workspace.id)).toBe(0);

    const small = await caller.templates.import({ format: "csv", content: csv(20) });
    expect(small).toMatchObject({ committed: true, imported: 20 });
    expect(small.jobId).toBeUndefined();
  });
});
