import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { datasetRows, datasets, datasetUploadChunks, jobRuns } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { ensureJobQueues } from "@/server/jobs/queues";
import type { RunningWorker } from "@/server/jobs/worker";
import { uploadThroughRoute, waitForDataset } from "@/test/datasets";
import { testDatabase } from "@/test/db";
import { addMember, createKey, signUpOwner, type TestWorkspace } from "@/test/factories";
import { startTestWorker } from "@/test/jobs";

/**
 * Issue #9, "Must show": the bad-input corpus through the real upload route and parse job.
 * Each file ends as a clear dataset error or per-row errors — never a 500, never `ready`
 * with rows silently dropped; over the limit is a 413 with nothing stored.
 */
const FIXTURES = path.join(import.meta.dirname, "../datasets/fixtures");
const kindOf = (file: string) => (/\.jsonl?$/.test(file) ? "conversations" : "labelled");

let db: Database;
let worker: RunningWorker;
let workspace: TestWorkspace;
let writeKey: string;

beforeAll(async () => {
  db = await testDatabase();
  await ensureJobQueues(db);
  worker = await startTestWorker();
  const owner = await signUpOwner(db, { workspaceName: "Upload route" });
  workspace = owner.workspace;
  writeKey = (await createKey(db, owner.caller, "write")).key;
});
afterAll(async () => {
  await worker?.stop();
});

async function rowsOf(datasetId: string) {
  return withTenant(db, workspace.id, (tx) =>
    tx.select().from(datasetRows).where(eq(datasetRows.datasetId, datasetId)),
  );
}

async function latestParseJob() {
  const [job] = await withTenant(db, workspace.id, (tx) =>
    tx
      .select({ state: jobRuns.state, message: jobRuns.message })
      .from(jobRuns)
      .where(eq(jobRuns.name, "dataset-parse"))
      .orderBy(desc(jobRuns.createdAt))
      .limit(1),
  );
  return job;
}

describe("POST /api/datasets", () => {
  it("uploads with a write key, parses in a job, and stores the rows", async () => {
    const body = readFileSync(path.join(FIXTURES, "good/bitext-sample.csv"));
    const response = await uploadThroughRoute(db, {
      as: { apiKey: writeKey },
      slug: workspace.slug,
      body,
      fileName: "bitext-sample.csv",
    });
    expect(response.status).toBe(201);
    const result = (await response.json()) as { dataset: { id: string }; jobId: string };
    const done = await waitForDataset(db, workspace.id, result.dataset.id);
    expect(done).toMatchObject({ status: "ready", rowCount: 5, format: "labelled-csv" });
    expect(done.jobId).toBe(result.jobId);
    expect(await rowsOf(result.dataset.id)).toHaveLength(5);
    const chunks = await withTenant(db, workspace.id, (tx) =>
      tx
        .select()
        .from(datasetUploadChunks)
        .where(eq(datasetUploadChunks.datasetId, result.dataset.id)),
    );
    expect(chunks).toHaveLength(0);

    const again = await uploadThroughRoute(db, {
      as: { apiKey: writeKey },
      slug: workspace.slug,
      body,
      name: "Again",
      fileName: "bitext-sample.csv",
    });
    expect(again.status).toBe(201);
    expect(((await again.json()) as { duplicateOf: unknown }).duplicateOf).toEqual({
      id: result.dataset.id,
      name: "Test dataset",
    });
    const refused = await uploadThroughRoute(db, {
      as: { apiKey: writeKey },
      slug: workspace.slug,
      body,
      name: "Refused duplicate",
      ifDuplicate: "reject",
    });
    expect(refused.status).toBe(409);
    expect(await countDatasets("Refused duplicate")).toBe(0);
    // Its queued parse does not linger as an unexplained job: cancelled, with the reason.
    expect(await latestParseJob()).toMatchObject({
      state: "cancelled",
      message: expect.stringMatching(/^Upload not stored: This file was already uploaded/),
    });
  });

  it("every bad fixture gives a clear error or row errors, never a 500 or silent drops", async () => {
    for (const file of readdirSync(path.join(FIXTURES, "bad"))) {
      const body = readFileSync(path.join(FIXTURES, "bad", file));
      const response = await uploadThroughRoute(db, {
        as: { apiKey: writeKey },
        slug: workspace.slug,
        body,
        name: `bad ${file}`,
        kind: kindOf(file),
        fileName: file,
      });
      expect(response.status, file).toBe(201);
      const { dataset } = (await response.json()) as { dataset: { id: string } };
      const done = await waitForDataset(db, workspace.id, dataset.id);
      const rows = await rowsOf(dataset.id);
      if (done.status === "failed") {
        expect(done.error, file).toMatch(/\w{3,}/);
        expect(rows, file).toHaveLength(0);
      } else {
        // Ready: every row either stored or counted as an error or a duplicate.
        expect(rows.length, file).toBe(done.rowCount);
        expect(done.rowErrors.length, file).toBe(Math.min(done.errorCount, 1000));
      }
    }
    const zip = await datasetNamed("bad zip-renamed.csv");
    expect(zip).toMatchObject({ status: "failed", rowCount: 0 });
    expect(zip?.error).toMatch(/zip archive/);
    const ragged = await datasetNamed("bad ragged.csv");
    expect(ragged).toMatchObject({ status: "ready", rowCount: 2, errorCount: 2 });
  });

  it("a file over the limit is refused with 413 and nothing is stored", async () => {
    const before = await countDatasets();
    const declared = await uploadThroughRoute(db, {
      as: { apiKey: writeKey },
      slug: workspace.slug,
      body: "text,label\nhi,greet\n",
      maxBytes: 10,
      contentLength: 21,
    });
    expect(declared.status).toBe(413);
    const big = new Uint8Array(3 * 1024 * 1024).fill(0x61);
    const streamed = await uploadThroughRoute(db, {
      as: { apiKey: writeKey },
      slug: workspace.slug,
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 4; i++) controller.enqueue(big);
          controller.close();
        },
      }),
      maxBytes: 10 * 1024 * 1024,
    });
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { message: string } }).error.message).toMatch(
      /larger than the 10 MB limit/,
    );
    expect(await countDatasets()).toBe(before);
    expect(await latestParseJob()).toMatchObject({
      state: "cancelled",
      message: expect.stringMatching(/^Upload not stored: The file is larger than/),
    });
    const [left] = readRows<{ n: number }>(
      await withTenant(db, workspace.id, (tx) =>
        tx.execute(sql`select count(*)::int as n from dataset_upload_chunks`),
      ),
    );
    expect(left?.n).toBe(0);
  });

  it("refuses read keys, agents and other workspaces", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Upload others" });
    const readKey = (await createKey(db, owner.caller, "read")).key;
    const agent = await addMember(db, owner.workspace, "agent");
    const body = "text,label\nhi,greet\n";
    const asRead = await uploadThroughRoute(db, {
      as: { apiKey: readKey },
      slug: owner.workspace.slug,
      body,
    });
    expect(asRead.status).toBe(403);
    const asAgent = await uploadThroughRoute(db, {
      as: { user: agent.user },
      slug: owner.workspace.slug,
      body,
    });
    expect(asAgent.status).toBe(403);
    // A key of this file's workspace naming the other one: refused, nothing written there.
    const crossKey = await uploadThroughRoute(db, {
      as: { apiKey: writeKey },
      slug: owner.workspace.slug,
      body,
    });
    expect(crossKey.status).toBe(403);
    const asOwnerElsewhere = await uploadThroughRoute(db, {
      as: { user: owner.user },
      slug: workspace.slug,
      body,
    });
    expect(asOwnerElsewhere.status).toBe(404);
    const [count] = readRows<{ n: number }>(
      await withTenant(db, owner.workspace.id, (tx) =>
        tx.execute(sql`select count(*)::int as n from datasets`),
      ),
    );
    expect(count?.n).toBe(0);
  });
});

async function countDatasets(name?: string): Promise<number> {
  const rows = await withTenant(db, workspace.id, (tx) =>
    tx
      .select({ id: datasets.id })
      .from(datasets)
      .where(name ? eq(datasets.name, name) : sql`true`),
  );
  return rows.length;
}

async function datasetNamed(name: string) {
  const [row] = await withTenant(db, workspace.id, (tx) =>
    tx.select().from(datasets).where(eq(datasets.name, name)),
  );
  return row;
}
