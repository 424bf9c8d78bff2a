import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { auditLog, datasetRows } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { ensureJobQueues } from "@/server/jobs/queues";
import type { RunningWorker } from "@/server/jobs/worker";
import { handleDatasetDownload } from "@/server/training/datasets-store/download";
import { loadTrainingExamples } from "@/server/training/examples/store";
import { insertReadyDataset, uploadThroughRoute, waitForDataset } from "@/test/datasets";
import { testDatabase } from "@/test/db";
import {
  addMember,
  type Caller,
  catchError,
  signUpOwner,
  type TestUser,
  type TestWorkspace,
} from "@/test/factories";
import { startTestWorker } from "@/test/jobs";
import { refundPolicyDraft } from "@/test/template-drafts";

/** The datasets router end to end: upload → ready → labels → templates → examples → delete. */
const GOOD = path.join(import.meta.dirname, "../../training/datasets/fixtures/good");

let db: Database;
let worker: RunningWorker;
let owner: { user: TestUser; workspace: TestWorkspace; caller: Caller };
let other: { user: TestUser; workspace: TestWorkspace; caller: Caller };

beforeAll(async () => {
  db = await testDatabase();
  await ensureJobQueues(db);
  worker = await startTestWorker();
  owner = await signUpOwner(db, { workspaceName: "Datasets router" });
  other = await signUpOwner(db, { workspaceName: "Datasets other" });
});
afterAll(async () => {
  await worker?.stop();
});

async function upload(file: string, kind: string, name = file) {
  const response = await uploadThroughRoute(db, {
    as: { user: owner.user },
    slug: owner.workspace.slug,
    body: readFileSync(path.join(GOOD, file)),
    name,
    kind,
    fileName: file,
  });
  expect(response.status).toBe(201);
  const { dataset } = (await response.json()) as { dataset: { id: string } };
  const done = await waitForDataset(db, owner.workspace.id, dataset.id);
  expect(done.status).toBe("ready");
  return dataset.id;
}

function download(id: string, as: TestUser, slug: string, format = "csv") {
  const request = new Request(
    `http://parley.test/api/datasets/${id}/download?workspace=${slug}&format=${format}`,
  );
  return handleDatasetDownload({
    db,
    request,
    datasetId: id,
    getSessionUser: async () => as,
    ip: null,
  });
}

describe("datasets router", () => {
  it("labelled: labels, create missing templates, examples, re-mapping, download, delete", async () => {
    const id = await upload("bitext-sample.csv", "labelled", "Bitext sample");
    const list = await owner.caller.datasets.list();
    expect(list.find((d) => d.id === id)).toMatchObject({ status: "ready", rowCount: 5 });
    const page = await owner.caller.datasets.rows({ id, limit: 2 });
    expect(page.rows).toHaveLength(2);
    const next = await owner.caller.datasets.rows({ id, limit: 10, cursor: page.nextCursor ?? 0 });
    expect(next.rows.map((r) => r.seq)).toEqual([2, 3, 4]);

    const labels = await owner.caller.datasets.labels({ id });
    expect(labels.every((l) => l.templateId === null)).toBe(true);
    const refund = await owner.caller.templates.create(refundPolicyDraft());
    const first = labels[0]?.label ?? "";
    const mapped = await owner.caller.datasets.mapLabels({
      id,
      mapping: [{ label: first, templateId: refund.id }],
    });
    expect(mapped.examples).toBe(labels[0]?.rows);

    const created = await owner.caller.datasets.createMissingTemplates({ id });
    expect(created.created).toBe(labels.length - 1);
    expect(created.examples).toBe(5);
    const after = await owner.caller.datasets.get({ id });
    expect(after.examples).toBe(5);
    const examples = await withTenant(db, owner.workspace.id, (tx) =>
      loadTrainingExamples(tx, { datasetIds: [id] }),
    );
    expect(examples).toHaveLength(5);
    expect(new Set(examples.map((e) => e.source))).toEqual(new Set(["labelled"]));
    // Unmapping rewrites the examples.
    const unmapped = await owner.caller.datasets.mapLabels({
      id,
      mapping: [{ label: first, templateId: null }],
    });
    expect(unmapped.examples).toBe(5 - (labels[0]?.rows ?? 0));

    const csv = await download(id, owner.user, owner.workspace.slug);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toBe("text,label");
    expect(text.trim().split("\r\n")).toHaveLength(6);
    const jsonl = await (await download(id, owner.user, owner.workspace.slug, "jsonl")).text();
    expect(jsonl.trim().split("\n")).toHaveLength(5);
    // Another workspace's owner, naming their own workspace or this one, never gets it.
    expect((await download(id, other.user, other.workspace.slug)).status).toBe(404);
    expect((await download(id, other.user, owner.workspace.slug)).status).toBe(404);
    await expect(other.caller.datasets.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.caller.datasets.delete({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const agent = await addMember(db, owner.workspace, "agent");
    expect((await catchError(agent.caller.datasets.delete({ id }))).code).toBe("FORBIDDEN");
    expect(await agent.caller.datasets.get({ id })).toMatchObject({ id });

    expect(await owner.caller.datasets.delete({ id })).toMatchObject({ deleted: true, rows: 5 });
    const left = await withTenant(db, owner.workspace.id, async (tx) => ({
      rows: (await tx.select().from(datasetRows).where(eq(datasetRows.datasetId, id))).length,
      examples: (await loadTrainingExamples(tx, { datasetIds: [id] })).length,
      audit: (await tx.select().from(auditLog).where(eq(auditLog.action, "dataset.delete"))).length,
    }));
    expect(left).toEqual({ rows: 0, examples: 0, audit: 1 });
  });

  it("create missing templates: look-alike labels share one draft; braces stay literal", async () => {
    const id = await insertReadyDataset(db, owner.workspace.id, {
      rows: [
        { kind: "example", text: "card was declined", label: "card_declined" },
        { kind: "example", text: "my card got declined", label: "card-declined" },
        { kind: "example", text: "what is {this}", label: "{weird} label" },
      ],
    });
    const result = await owner.caller.datasets.createMissingTemplates({ id });
    expect(result).toMatchObject({ created: 2, mapped: 3, examples: 3 });
    const labels = await owner.caller.datasets.labels({ id });
    const byLabel = new Map(labels.map((l) => [l.label, l.templateName]));
    expect(byLabel.get("card_declined")).toBe("Card declined");
    expect(byLabel.get("card-declined")).toBe("Card declined");
    expect(byLabel.get("{weird} label")).toBe("{weird} label");
  });

  it("conversations: agent replies matched to templates give scored examples", async () => {
    await owner.caller.templates.create(
      refundPolicyDraft({
        name: "Password reset",
        content:
          'Click "Forgot password" on the sign-in page and follow the link we email you to choose a new password.',
      }),
    );
    const id = await upload("conversation-pairs.csv", "conversations");
    const result = await owner.caller.datasets.matchReplies({ id });
    expect(result.pairs).toBe(2);
    expect(result.matched).toBeGreaterThanOrEqual(1);
    const [row] = readRows<{ text: string; match_score: number }>(
      await withTenant(db, owner.workspace.id, (tx) =>
        tx.execute(sql`select text, match_score from training_examples where dataset_id = ${id}`),
      ),
    );
    expect(row?.text).toBe("How do I reset my password?");
    expect(row?.match_score).toBeGreaterThan(0.25);
    const strict = await owner.caller.datasets.matchReplies({ id, threshold: 1 });
    expect(strict.examples).toBe(0);
  });

  it("FAQ: templates made from answers on request, questions become examples", async () => {
    const id = await upload("faq.csv", "faq");
    const result = await owner.caller.datasets.createFaqTemplates({ id });
    expect(result).toEqual({ templates: 2, examples: 2 });
    const { examples } = await owner.caller.datasets.get({ id });
    expect(examples).toBe(2);
    await expect(owner.caller.datasets.labels({ id })).resolves.toEqual([]);
    await expect(
      owner.caller.datasets.mapLabels({ id, mapping: [{ label: "x", templateId: null }] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
