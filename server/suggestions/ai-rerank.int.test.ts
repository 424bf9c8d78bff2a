import { MockLanguageModelV3 } from "ai/test";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { aiCalls } from "@/db/schema";
import type { AiSettingsInput } from "@/server/ai/settings";
import { generatingModel, mockRegistry } from "@/test/ai";
import { testDatabase } from "@/test/db";
import { callerFor, signUpOwner } from "@/test/factories";
import { trainedWorkspace } from "@/test/training";

/**
 * Issue #12 §6: AI re-ranking of suggestions, per workspace and off by default. The mock model
 * always ranks the refund template first, so a re-ranked answer differs from the local one
 * (the trained model puts the order template first for "where is my parcel").
 */
let db: Database;
let ids: { orderId: string; refundId: string };
let model: MockLanguageModelV3;
// One registry for every workspace, as on the server; it hands out whatever `model` is now.
const registry = () => mockRegistry({ language: () => model });
const message = "where is my parcel";

const rerankOn: AiSettingsInput = {
  enabled: true,
  provider: "default",
  models: {},
  dailyCallLimit: null,
  dailyTokenLimit: null,
  rerankSuggestions: true,
};

async function trained(name: string, ai = registry()) {
  const signedUp = await signUpOwner(db, { workspaceName: name });
  const caller = await callerFor(
    db,
    { user: signedUp.user, slug: signedUp.workspace.slug },
    { ai },
  );
  const owner = { ...signedUp, caller };
  return { owner, ids: await trainedWorkspace(db, owner) };
}

beforeAll(async () => {
  db = await testDatabase();
  model = generatingModel({ ranking: [] });
});

describe("AI re-ranking of suggestions", () => {
  it("re-ranks only the workspace that turned it on, records the call, and says why", async () => {
    const a = await trained("Rerank A");
    const b = await trained("Rerank B");
    ids = a.ids;
    model = generatingModel({
      ranking: [
        { id: a.ids.refundId, score: 0.9 },
        { id: a.ids.orderId, score: 0.2 },
      ],
    });
    await a.owner.caller.ai.settings.update(rerankOn);

    const local = await b.owner.caller.suggestions.forMessage({ message, limit: 2 });
    expect(local.suggestions[0]?.templateId).toBe(b.ids.orderId);
    expect(local.suggestions[0]?.reasons.aiScore).toBeUndefined();
    expect(model.doGenerateCalls).toHaveLength(0);

    const reranked = await a.owner.caller.suggestions.forMessage({ message, limit: 2 });
    expect(reranked.suggestions.map((s) => [s.rank, s.templateId, s.reasons.aiScore])).toEqual([
      [1, ids.refundId, 0.9],
      [2, ids.orderId, 0.2],
    ]);
    expect(reranked.warnings).toEqual([]);
    expect(model.doGenerateCalls).toHaveLength(1);
    const calls = await db
      .select()
      .from(aiCalls)
      .where(and(eq(aiCalls.workspaceId, a.owner.workspace.id), eq(aiCalls.useCase, "rerank")));
    expect(calls).toMatchObject([{ label: "suggestions.rerank", outcome: "ok" }]);

    // B still gets its local order after A turned re-ranking on; no call was made for B.
    const stillLocal = await b.owner.caller.suggestions.forMessage({ message, limit: 2 });
    expect(stillLocal.suggestions[0]?.templateId).toBe(b.ids.orderId);
    expect(model.doGenerateCalls).toHaveLength(1);
  });

  it("keeps the local order and says so when the provider does not answer within the budget", async () => {
    const hanging = new MockLanguageModelV3({
      doGenerate: ({ abortSignal }) =>
        new Promise((_, reject) => {
          abortSignal?.addEventListener("abort", () => reject(abortSignal.reason), { once: true });
        }),
    });
    const c = await trained("Rerank C", mockRegistry({ language: hanging }));
    await c.owner.caller.ai.settings.update(rerankOn);
    const started = performance.now();
    const answer = await c.owner.caller.suggestions.forMessage({ message, limit: 2 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(answer.suggestions[0]?.templateId).toBe(c.ids.orderId);
    expect(answer.suggestions[0]?.reasons.aiScore).toBeUndefined();
    expect(answer.warnings).toEqual([
      expect.stringMatching(/^AI re-ranking did not answer within 1\.5 s: local order kept\.$/),
    ]);
    const [call] = await db
      .select()
      .from(aiCalls)
      .where(eq(aiCalls.workspaceId, c.owner.workspace.id));
    expect(call?.outcome).toBe("timed_out");
  });
});
