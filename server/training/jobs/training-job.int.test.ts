import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { withTenant } from "@/db/tenant";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { conversationAnalysisJob } from "@/server/jobs/definitions/conversation-analysis";
import { modelTrainingJob } from "@/server/jobs/definitions/model-training";
import { enqueueJob } from "@/server/jobs/enqueue";
import type { RunningWorker } from "@/server/jobs/worker";
import { exampleTextHash, insertTrainingExamples } from "@/server/training/examples/store";
import { unpackTextHashes } from "@/server/training/versions/training-hashes";
import { testDatabase } from "@/test/db";
import { catchError, signUpOwner } from "@/test/factories";
import { startTestWorker, waitFor, waitForJobState } from "@/test/jobs";
import { orderStatusDraft } from "@/test/template-drafts";
import { seedTwoTemplateExamples } from "@/test/training";
import { syntheticExamples } from "@/test/training-synthetic";

let db: Database;
let worker: RunningWorker;

beforeAll(async () => {
  db = await testDatabase();
  worker = await startTestWorker([modelTrainingJob, conversationAnalysisJob]);
});
afterAll(async () => {
  await worker.stop({ timeoutMs: 5_000 });
});

async function versionCount(workspaceId: string) {
  const [row] = readRows<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from model_versions where workspace_id = ${workspaceId}`,
    ),
  );
  return row?.n ?? 0;
}

describe("training through the router and the worker", () => {
  it("trains, reports five steps with rising progress, deploys, compares and rolls back", async () => {
    const owner = await signUpOwner(db);
    const ws = owner.workspace;
    const { orderId, refundId } = await seedTwoTemplateExamples(db, owner.caller, ws.id);
    await owner.caller.training.scenarios.create({
      text: "my parcel never came",
      templateId: orderId,
      difficulty: "hard",
      tags: ["delivery"],
    });
    const before = await owner.caller.training.overview();
    expect(before.checklist.find((c) => c.key === "train")?.done).toBe(false);

    const { jobId } = await owner.caller.training.start({});
    const run = await waitForJobState(db, ws.id, jobId, ["completed", "failed"], 60_000);
    expect(run.state, run.error ?? "").toBe("completed");
    const progress = await owner.caller.training.progress({ jobId });
    expect(progress.step).toBe(5);
    expect(progress.steps).toEqual(["validate", "featurize", "train", "evaluate", "ready"]);
    const percents = progress.log.filter((l) => l.kind === "progress").map((l) => l.progress ?? 0);
    expect(percents.length).toBeGreaterThan(5);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    const steps = progress.log.map((l) => l.step).filter((s): s is number => s !== null);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    expect(new Set(steps)).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(progress.log.at(-1)?.kind).toBe("done");
    expect(progress.version?.version).toBe(1);
    // A finished run still shows what it trained on (the last report does not repeat it).
    expect(progress).toMatchObject({ examples: 20, templates: 2 });
    const lastReport = progress.log.filter((l) => l.kind === "progress").at(-1);
    expect(lastReport?.progress).toBe(100);
    expect(lastReport?.message).toMatch(
      /^Saved v1: 20 examples for 2 templates, top-1 \d+\.\d% on \d+ held-out rows$/,
    );

    const first = await owner.caller.training.version({ id: progress.version?.id ?? "" });
    expect(first.labels.sort()).toEqual([orderId, refundId].sort());
    expect(first.metrics.headline.trainRows).toBe(20);
    expect(first.metrics.headline.scenarioCount).toBe(1);
    expect(first.metrics.templateNames[orderId]).toBe("Order status");
    expect(first.scenarioRuns).toHaveLength(1);
    expect(first.deployed).toBe(false);

    await owner.caller.training.deploy({ versionId: first.id });
    // trainOnScenarios: the scenario joins the training data, and the new version is deployed.
    const second = await owner.caller.training.trainOnScenarios({ deploy: true });
    expect(second.scenarioExamples).toBe(1);
    await waitForJobState(db, ws.id, second.jobId, ["completed"], 60_000);
    const { versions, deployments } = await owner.caller.training.versions({});
    expect(versions.map((v) => [v.version, v.deployed])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(deployments.map((d) => d.version)).toEqual([2, 1]);
    expect(versions[0]?.headline?.trainRows).toBe(21);

    const compared = await owner.caller.training.compare({ a: first.id, b: versions[0]?.id ?? "" });
    expect(compared.templates.map((t) => t.name).sort()).toEqual(["Order status", "Refund policy"]);
    expect(compared.b.headline.trainRows).toBe(21);

    const rolled = await owner.caller.training.rollback({});
    expect(rolled.version).toBe(1);
    const after = await owner.caller.training.overview();
    expect(after.deployed?.version).toBe(1);
    expect(after.checklist.find((c) => c.key === "deploy")?.done).toBe(true);

    const evaluated = await owner.caller.training.evaluate({
      rows: [
        { text: "where is my parcel", label: "order status" },
        { text: "please give me a refund", label: "Refund policy" },
        { text: "something else", label: "no such template" },
      ],
    });
    expect(evaluated.version).toBe(1);
    expect(evaluated.scored).toBe(2);
    expect(evaluated.unmatched).toEqual([{ label: "no such template", count: 1 }]);
    expect(evaluated.top1).toBe(1);

    const scenarioRun = await owner.caller.training.runScenarios({ versionId: first.id });
    const detail = await owner.caller.training.scenarioRun({ id: scenarioRun.runId });
    expect(detail.results).toHaveLength(1);
    expect(detail.results[0]?.expectedName).toBe("Order status");
  }, 120_000);

  it("analyses recent inbox messages with the model a training run deploys, once", async () => {
    const owner = await signUpOwner(db);
    const ws = owner.workspace;
    await seedTwoTemplateExamples(db, owner.caller, ws.id);
    const runs = () =>
      withTenant(db, ws.id, async (tx) =>
        readRows<{ source: string; status: string; model_version: number | null }>(
          await tx.execute(sql`select source, status, model_version from analysis_runs`),
        ),
      );
    // Deployed with an empty inbox: nothing to analyse, no run.
    const empty = await owner.caller.training.start({ deploy: true });
    const first = await waitForJobState(db, ws.id, empty.jobId, ["completed", "failed"], 60_000);
    expect(first.state, first.error ?? "").toBe("completed");
    expect(await runs()).toEqual([]);

    await owner.caller.inbox.ingest({
      source: "api",
      conversations: ["where is my order", "i want my money back", "my parcel is late"].map(
        (text, i) => ({
          externalId: `after-deploy-${i}`,
          messages: [{ externalId: "m1", role: "customer" as const, text }],
        }),
      ),
    });
    const { jobId } = await owner.caller.training.start({ deploy: true });
    const second = await waitForJobState(db, ws.id, jobId, ["completed", "failed"], 60_000);
    expect(second.state, second.error ?? "").toBe("completed");
    const done = await waitFor(
      async () => {
        const rows = await runs();
        return rows.length === 1 && rows[0]?.status === "done" ? rows : false;
      },
      { ms: 60_000, what: "the analysis run after deploy" },
    );
    expect(done).toEqual([{ source: "inbox", status: "done", model_version: 2 }]);
  }, 180_000);

  it("says how many examples the next run learns from, and the run learns from exactly those", async () => {
    const owner = await signUpOwner(db);
    const ws = owner.workspace;
    await seedTwoTemplateExamples(db, owner.caller, ws.id); // 2 templates × 10 examples
    // Left out by training: a template with one example, an archived one, a personal one.
    const single = await owner.caller.templates.create(orderStatusDraft({ name: "Single" }));
    const archived = await owner.caller.templates.create(orderStatusDraft({ name: "Archived" }));
    const personal = await owner.caller.templates.create({
      ...orderStatusDraft({ name: "Mine" }),
      visibility: "personal",
    });
    await owner.caller.templates.archive({ id: archived.id });
    const extra = (templateId: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        text: `question ${templateId.slice(0, 4)} ${i}`,
        templateId,
        source: "labelled" as const,
      }));
    await withTenant(db, ws.id, (tx) =>
      insertTrainingExamples(tx, ws.id, [
        ...extra(single.id, 1),
        ...extra(archived.id, 3),
        ...extra(personal.id, 2),
      ]),
    );
    const { counts, checklist } = await owner.caller.training.overview();
    expect(counts).toMatchObject({
      examples: 26,
      templatesWithExamples: 5,
      nextRunExamples: 20,
      nextRunTemplates: 2,
    });
    expect(checklist.find((c) => c.key === "examples")?.done).toBe(true);

    const { jobId } = await owner.caller.training.start({});
    const run = await waitForJobState(db, ws.id, jobId, ["completed", "failed"], 60_000);
    expect(run.state, run.error ?? "").toBe("completed");
    const { version } = await owner.caller.training.progress({ jobId });
    const trained = await owner.caller.training.version({ id: version?.id ?? "" });
    expect(trained.exampleCount).toBe(counts.nextRunExamples);
    // The version records exactly the texts it learned from (the analysis's in-sample check).
    const left = new Set([single.id, archived.id, personal.id]);
    const [stored, examples] = await withTenant(db, ws.id, async (tx) => [
      readRows<{ hashes: Uint8Array }>(
        await tx.execute(
          sql`select training_text_hashes as hashes from model_versions where id = ${version?.id ?? ""}`,
        ),
      )[0]?.hashes,
      readRows<{ text: string; template_id: string }>(
        await tx.execute(sql`select text, template_id from training_examples`),
      ),
    ]);
    const learned = examples.filter((e) => !left.has(e.template_id));
    expect(learned).toHaveLength(20);
    expect(unpackTextHashes(new Uint8Array(stored ?? []))).toEqual(
      new Set(learned.map((e) => exampleTextHash(e.text))),
    );
  }, 120_000);

  it("leaves the examples step undone while fewer than two templates can be trained", async () => {
    const owner = await signUpOwner(db);
    const ws = owner.workspace;
    const a = await owner.caller.templates.create(orderStatusDraft({ name: "A" }));
    const b = await owner.caller.templates.create(orderStatusDraft({ name: "B" }));
    await withTenant(db, ws.id, (tx) =>
      insertTrainingExamples(tx, ws.id, [
        { text: "where is my order", templateId: a.id, source: "labelled" },
        { text: "has it shipped", templateId: a.id, source: "labelled" },
        { text: "refund please", templateId: b.id, source: "labelled" },
      ]),
    );
    const { counts, checklist } = await owner.caller.training.overview();
    expect(counts).toMatchObject({ templatesWithExamples: 2, nextRunTemplates: 1 });
    expect(checklist.find((c) => c.key === "examples")?.done).toBe(false);
  });

  it("refuses a run without enough examples at once, and a queued run whose examples went away fails clearly", async () => {
    const owner = await signUpOwner(db);
    const ws = owner.workspace;
    const jobs = async () => {
      const [row] = readRows<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from job_runs where workspace_id = ${ws.id} and name = ${modelTrainingJob.name}`,
        ),
      );
      return row?.n ?? 0;
    };
    // Nothing to learn from: the request says so and queues nothing.
    const none = await catchError(owner.caller.training.start({}));
    expect(none).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(none.message).toMatch(/no training examples/i);
    // One template with examples is not enough either (a one-class model suggests one thing).
    const order = await owner.caller.templates.create(orderStatusDraft());
    await withTenant(db, ws.id, (tx) =>
      insertTrainingExamples(tx, ws.id, [
        { text: "where is my parcel", templateId: order.id, source: "labelled", label: "o" },
        { text: "my order has not come", templateId: order.id, source: "labelled", label: "o" },
      ]),
    );
    const one = await catchError(owner.caller.training.start({}));
    expect(one.message).toMatch(/at least two templates .* \(found 1\)/);
    expect(await jobs()).toBe(0);

    // The job validates its rows again: queued directly (as if the examples were removed after
    // the request), it fails with the same words and writes no version.
    const queued = await runInWorkspace(db, await systemAccess(db, ws.id), (scope) =>
      enqueueJob(scope, modelTrainingJob, {
        workspaceId: ws.id,
        actor: { type: "system", label: "system" },
        datasetIds: [],
        deploy: false,
        scenariosInTraining: false,
      }),
    );
    const failed = await waitForJobState(db, ws.id, queued?.jobId ?? "", ["failed"], 30_000);
    expect(failed.error).toMatch(/at least two templates .* \(found 1\)/);
    expect(await versionCount(ws.id)).toBe(0);
  }, 60_000);

  it("cancels a run mid-training (nothing written) and a retry then yields one version", async () => {
    const owner = await signUpOwner(db);
    const ws = owner.workspace;
    const examples = syntheticExamples(30, 25);
    const labels = [...new Set(examples.map((e) => e.label))];
    const idOf = new Map<string, string>();
    for (const label of labels) {
      const t = await owner.caller.templates.create({
        name: label,
        content: `About ${label}`,
        status: "active",
        tags: [],
        variables: [],
        triggers: [],
      });
      idOf.set(label, t.id);
    }
    await withTenant(db, ws.id, (tx) =>
      insertTrainingExamples(
        tx,
        ws.id,
        examples.map((e) => ({
          text: e.text,
          templateId: idOf.get(e.label) ?? "",
          source: "labelled",
        })),
      ),
    );
    const { jobId } = await owner.caller.training.start({});
    await waitFor(
      async () => {
        const p = await owner.caller.training.progress({ jobId });
        return p.step >= 3 || p.job.state === "completed";
      },
      { ms: 60_000, every: 50, what: "training to reach the train step" },
    );
    await owner.caller.jobs.cancel({ id: jobId });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const cancelled = await owner.caller.training.progress({ jobId });
    expect(cancelled.job.state).toBe("cancelled");
    expect(await versionCount(ws.id)).toBe(0);

    await owner.caller.jobs.retry({ id: jobId });
    const done = await waitForJobState(db, ws.id, jobId, ["completed", "failed"], 90_000);
    expect(done.state, done.error ?? "").toBe("completed");
    expect(await versionCount(ws.id)).toBe(1);
  }, 180_000);

  it("keeps agents out of starting, deploying and editing scenarios", async () => {
    const { addMember, callerFor } = await import("@/test/factories");
    const owner = await signUpOwner(db);
    const { user } = await addMember(db, owner.workspace, "agent");
    const agent = await callerFor(db, { user, slug: owner.workspace.slug });
    // Thunks, run one at a time: a promise created early would reject before anyone awaits it.
    for (const attempt of [
      () => agent.training.start({}),
      () => agent.training.rollback({}),
      () => agent.training.trainOnScenarios({}),
    ]) {
      expect((await catchError(attempt())).code).toBe("FORBIDDEN");
    }
    expect((await agent.training.overview()).counts.versions).toBe(0);
  });
});
