import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEMO_DATASET_NAME } from "@/db/demo/seed-dataset";
import {
  analysisInsights,
  analysisPatterns,
  analysisRuns,
  auditLog,
  conversations,
  datasets,
  memberships,
  modelVersions,
  templates,
  trainingScenarios,
  users,
} from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { checkCredentials } from "@/server/auth/credentials";
import { loadTrainingExamples } from "@/server/training/examples/store";
import { testDatabase } from "@/test/db";
import { DEMO, seedDemo } from "./seed";

describe("demo seed", () => {
  it("is idempotent: a second run finds the same workspace and creates nothing", async () => {
    const db = await testDatabase();
    const first = await seedDemo(db);
    const second = await seedDemo(db);
    expect(second.workspaceId).toBe(first.workspaceId);
    expect(second.created).toEqual({
      workspace: false,
      users: 0,
      templates: 0,
      messages: 0,
      trainingExamples: 0,
      scenarios: 0,
    });
    const inbox = await withTenant(db, first.workspaceId, (tx) =>
      tx
        .select({ status: conversations.status, customer: conversations.customer })
        .from(conversations)
        .where(eq(conversations.source, "demo")),
    );
    expect(inbox.length).toBe(8);
    expect(inbox.every((c) => c.status === "open" && c.customer.orderNumbers?.length)).toBe(true);
    const demoTemplates = await withTenant(db, first.workspaceId, (tx) =>
      tx.select({ name: templates.name, status: templates.status }).from(templates),
    );
    expect(demoTemplates.length).toBeGreaterThanOrEqual(29);
    expect(demoTemplates.map((t) => t.name)).toContain("Order Status Inquiry");

    // The labelled Bitext dataset: ready, every intent mapped, one example per distinct text.
    const [dataset] = await withTenant(db, first.workspaceId, (tx) =>
      tx.select().from(datasets).where(eq(datasets.name, DEMO_DATASET_NAME)),
    );
    expect(dataset).toMatchObject({ status: "ready", kind: "labelled", rowCount: 4514 });
    expect(Object.keys(dataset?.labelMapping ?? {})).toHaveLength(27);
    const examples = await withTenant(db, first.workspaceId, (tx) => loadTrainingExamples(tx));
    expect(examples.length).toBeGreaterThan(4000);

    const members = await withTenant(db, first.workspaceId, (tx) =>
      tx
        .select({ role: memberships.role, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId)),
    );
    expect(members.sort((a, b) => a.email.localeCompare(b.email))).toEqual([
      { role: "owner", email: DEMO.owner.email },
      { role: "agent", email: DEMO.agent.email },
    ]);
    // Twelve test scenarios, and the deployed demo model evaluated on them.
    const demoScenarios = await withTenant(db, first.workspaceId, (tx) =>
      tx.select({ text: trainingScenarios.text }).from(trainingScenarios),
    );
    expect(demoScenarios).toHaveLength(12);
    const [version] = await withTenant(db, first.workspaceId, (tx) =>
      tx
        .select({ metrics: modelVersions.metrics, exampleCount: modelVersions.exampleCount })
        .from(modelVersions),
    );
    // (A database an earlier test run seeded keeps the version it trained then.)
    if (first.model.trained) {
      expect(version?.metrics).toMatchObject({ headline: { scenarioCount: 12 } });
    }

    // The first seed also trains the demo model (server/training/seed.ts) and analyses the
    // dataset with it (server/analysis/seed.ts): Insights has real results from the start.
    // (On a database an earlier test run seeded, `first` finds that run instead.)
    if (first.analysis.ran) expect(first.analysis.messages).toBe(4514);
    expect(second.analysis).toEqual({
      ran: false,
      reason: "the workspace already has an analysis",
    });
    const runs = await withTenant(db, first.workspaceId, (tx) =>
      tx
        .select()
        .from(analysisRuns)
        .where(eq(analysisRuns.datasetId, dataset?.id ?? "")),
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "done", messages: 4514, error: null });
    // The demo model learned from this very dataset: the run says its accuracy is in-sample.
    const compared = (runs[0]?.summary as { comparedMessages?: number } | null)?.comparedMessages;
    expect(compared).toBeGreaterThan(0);
    // It was trained on a sample of them (at most 60 per template), and recorded which.
    const overlap = runs[0]?.trainingOverlap;
    expect(overlap).toMatchObject({
      exact: true,
      trainedExamples: version?.exampleCount,
      heldOutTop1: expect.any(Number),
    });
    expect(overlap?.messages).toBe(overlap?.compared);
    expect(overlap?.compared).toBeGreaterThanOrEqual(version?.exampleCount ?? Number.NaN);
    expect(overlap?.compared).toBeLessThan(4514);
    // The dataset's rows have no dates: its topics come with sizes and no trend.
    const topics = await withTenant(db, first.workspaceId, (tx) =>
      tx
        .select()
        .from(analysisPatterns)
        .where(eq(analysisPatterns.runId, runs[0]?.id ?? "")),
    );
    expect(topics.length).toBeGreaterThan(0);
    for (const topic of topics) {
      expect(topic).toMatchObject({ previous: null, current: null, growing: false, series: [] });
      expect(topic.size).toBeGreaterThan(0);
    }
    const stored = await withTenant(db, first.workspaceId, (tx) =>
      tx.select({ kind: analysisInsights.kind }).from(analysisInsights),
    );
    expect(stored.length).toBeGreaterThan(0);
    const audited = await withTenant(db, first.workspaceId, (tx) =>
      tx
        .select({ entityId: auditLog.entityId })
        .from(auditLog)
        .where(eq(auditLog.action, "analysis.start")),
    );
    expect(audited.map((a) => a.entityId)).toEqual([runs[0]?.id]);
  }, 90_000);

  it("leaves the documented demo passwords working", async () => {
    const db = await testDatabase();
    await seedDemo(db);
    const result = await checkCredentials(db, {
      email: DEMO.owner.email,
      password: DEMO.owner.password,
      ip: null,
    });
    expect(result.ok).toBe(true);
  });
});
