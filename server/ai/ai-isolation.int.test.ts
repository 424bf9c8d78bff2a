import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { aiCalls, aiSettings, templateOptimizations } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { mockRegistry, streamingModel } from "@/test/ai";
import { testDatabase } from "@/test/db";
import { callerFor, catchError, signUpOwner } from "@/test/factories";
import { orderStatusDraft } from "@/test/template-drafts";

/**
 * Tenant isolation of the three AI tables (ai_settings, ai_calls, template_optimizations) under
 * the application role: another workspace's rows are invisible and cannot be written, and the
 * procedures over them answer for the caller's workspace only.
 */
let db: Database;
let a: { workspaceId: string; templateId: string; optimizationId: string };
let bCaller: Awaited<ReturnType<typeof callerFor>>;
let bWorkspaceId: string;

beforeAll(async () => {
  db = await testDatabase();
  const alpha = await signUpOwner(db);
  const ai = mockRegistry({
    language: streamingModel([
      { optimizedTemplate: orderStatusDraft().content, improvementAreas: [] },
    ]),
  });
  const caller = await callerFor(db, { user: alpha.user, slug: alpha.workspace.slug }, { ai });
  const template = await caller.templates.create(orderStatusDraft());
  await caller.ai.settings.update({
    enabled: true,
    provider: "openai",
    models: {},
    apiKey: "sk-alpha-secret-1",
    dailyCallLimit: 5,
    dailyTokenLimit: null,
  });
  const optimization = await caller.templates.optimize({ templateId: template.id });
  a = {
    workspaceId: alpha.workspace.id,
    templateId: template.id,
    optimizationId: optimization.optimizationId,
  };
  const beta = await signUpOwner(db);
  bCaller = beta.caller;
  bWorkspaceId = beta.workspace.id;
});

describe("AI tables under RLS", () => {
  it("A has one row in each table (the fixture is real)", async () => {
    for (const table of [aiCalls, aiSettings, templateOptimizations]) {
      const rows = await db.select().from(table).where(eq(table.workspaceId, a.workspaceId));
      expect(rows).toHaveLength(1);
    }
  });

  it("B's tenant transaction sees none of A's rows, even asking for them by workspace id", async () => {
    await withTenant(db, bWorkspaceId, async (tx) => {
      for (const table of [aiCalls, aiSettings, templateOptimizations]) {
        expect(await tx.select().from(table).where(eq(table.workspaceId, a.workspaceId))).toEqual(
          [],
        );
      }
    });
  });

  it("B's tenant transaction cannot write rows into A", async () => {
    const attempts = [
      (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) =>
        tx.insert(aiCalls).values({
          workspaceId: a.workspaceId,
          useCase: "optimize",
          label: "x",
          provider: "p",
          model: "m",
          latencyMs: 1,
          outcome: "ok",
        }),
      (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) =>
        tx.insert(aiSettings).values({ workspaceId: a.workspaceId, enabled: false }),
      (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) =>
        tx
          .update(templateOptimizations)
          .set({ status: "accepted" })
          .where(eq(templateOptimizations.id, a.optimizationId))
          .returning(),
    ];
    for (const attempt of attempts) {
      const outcome = await withTenant(db, bWorkspaceId, (tx) => attempt(tx)).then(
        (rows) => (Array.isArray(rows) && rows.length === 0 ? "nothing" : "written"),
        () => "refused",
      );
      expect(outcome).not.toBe("written");
    }
    const [row] = await db
      .select()
      .from(templateOptimizations)
      .where(eq(templateOptimizations.id, a.optimizationId));
    expect(row?.status).toBe("proposed");
  });

  it("the application role may not rewrite or delete usage rows (append-only)", async () => {
    const refused = await withTenant(db, a.workspaceId, (tx) =>
      tx.execute(sql`delete from ai_calls`),
    ).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
  });

  it("B's procedures answer for B only", async () => {
    expect((await bCaller.ai.usage({})).days).toEqual([]);
    expect(await bCaller.ai.settings.get()).toMatchObject({
      provider: "default",
      apiKeyHint: null,
      dailyCallLimit: null,
    });
    expect(
      (await catchError(bCaller.templates.optimizations.list({ templateId: a.templateId }))).code,
    ).toBe("NOT_FOUND");
    expect(
      (await catchError(bCaller.templates.optimizations.accept({ id: a.optimizationId }))).code,
    ).toBe("NOT_FOUND");
    expect((await catchError(bCaller.templates.optimize({ templateId: a.templateId }))).code).toBe(
      "NOT_FOUND",
    );
  });
});
