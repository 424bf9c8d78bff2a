import { APICallError } from "ai";
import { MockEmbeddingModelV3, MockLanguageModelV3 } from "ai/test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import type { AiRegistry } from "@/server/ai/registry";
import type { Row } from "@/server/training/datasets/types";
import { generatingModel, mockRegistry, NO_AI } from "@/test/ai";
import { insertReadyDataset } from "@/test/datasets";
import { testDatabase } from "@/test/db";
import {
  addMember,
  type Caller,
  callerFor,
  catchError,
  signUpOwner,
  type TestUser,
  type TestWorkspace,
} from "@/test/factories";

/**
 * Issue #13 point 4 through the API: `inbox.draft` retrieves from the workspace's FAQ/knowledge,
 * drafts with the provider outside the tenant transaction, cites only real sources, falls back
 * to the closest FAQ answers without a provider, and never reaches another workspace.
 */
let db: Database;
let a: { workspace: TestWorkspace; agent: TestUser; conversationId: string };
let b: { caller: Caller; conversationId: string; workspace: TestWorkspace; owner: TestUser };

const FAQ: Row[] = [
  {
    kind: "faq",
    question: "How long does a refund take?",
    answer: "Refunds arrive within 5 business days.",
  },
  {
    kind: "faq",
    question: "How do I reset my password?",
    answer: "Use Forgot password on the sign-in page.",
  },
  { kind: "article", title: "Shipping times", body: "Parcels ship in 2 days." },
];

async function conversation(caller: Caller, externalId: string, text: string) {
  await caller.inbox.ingest({
    source: "api",
    conversations: [
      {
        externalId,
        customer: { name: "Dana" },
        messages: [
          { externalId: `${externalId}-1`, role: "customer", text },
          { externalId: `${externalId}-2`, role: "note", text: "internal: VIP customer" },
        ],
      },
    ],
  });
  const list = await caller.inbox.list({ filter: "all", limit: 50 });
  const found = list.find((c) => c.externalId === externalId);
  if (!found) throw new Error("not ingested");
  return found.id;
}

beforeAll(async () => {
  db = await testDatabase();
  const alpha = await signUpOwner(db, { workspaceName: "Draft Alpha" });
  const { user: agent } = await addMember(db, alpha.workspace, "agent");
  await insertReadyDataset(db, alpha.workspace.id, { name: "Help FAQ", kind: "faq", rows: FAQ });
  a = {
    workspace: alpha.workspace,
    agent,
    conversationId: await conversation(alpha.caller, "a-1", "When will my refund arrive?"),
  };
  const beta = await signUpOwner(db, { workspaceName: "Draft Beta" });
  await insertReadyDataset(db, beta.workspace.id, {
    name: "Beta FAQ",
    kind: "faq",
    rows: [{ kind: "faq", question: "Refund for gift cards?", answer: "Beta-only secret answer" }],
  });
  b = {
    caller: beta.caller,
    workspace: beta.workspace,
    owner: beta.user,
    conversationId: await conversation(beta.caller, "b-1", "I want a refund please"),
  };
});

const agentWith = (ai: AiRegistry) =>
  callerFor(db, { user: a.agent, slug: a.workspace.slug }, { ai });

describe("inbox.draft", () => {
  it("with no provider: the closest FAQ answers, no call, nothing of another workspace", async () => {
    const result = await (await agentWith(NO_AI)).inbox.draft({
      conversationId: a.conversationId,
    });
    expect(result).toMatchObject({ mode: "faq", reason: "not_configured" });
    expect(result.sources[0]).toMatchObject({
      title: "How long does a refund take?",
      snippet: "Refunds arrive within 5 business days.",
      datasetName: "Help FAQ",
      kind: "faq",
    });
    expect(JSON.stringify(result)).not.toContain("Beta-only");
  });

  it("an agent gets a grounded draft citing only real sources; notes stay out of the prompt", async () => {
    const model = generatingModel({
      reply: "Your refund arrives within 5 days.",
      citedSources: [1, 9],
    });
    const result = await (await agentWith(mockRegistry({ language: model }))).inbox.draft({
      conversationId: a.conversationId,
    });
    expect(result).toMatchObject({
      mode: "ai",
      reply: "Your refund arrives within 5 days.",
      model: "mock:mock-model",
      ungrounded: false,
      ranking: "full-text",
    });
    expect(result.sources.map((s) => s.title)).toEqual(["How long does a refund take?"]);
    const prompt = JSON.stringify(model.doGenerateCalls[0]?.prompt);
    expect(prompt).toContain("When will my refund arrive?");
    expect(prompt).toContain("Refunds arrive within 5 business days.");
    expect(prompt).not.toContain("VIP customer");
    expect(prompt).not.toContain("Beta-only");
  });

  it("re-ranks the full-text candidates by embeddings when an embedding model is configured", async () => {
    // Full text ranks the refund FAQ first; the (mock) embeddings put the shipping article first.
    const embedding = new MockEmbeddingModelV3({
      doEmbed: async ({ values }) => ({
        embeddings: values.map((v) => (/ship|parcel/i.test(v) ? [1, 0] : [0, 1])),
        usage: { tokens: 12 },
        warnings: [],
      }),
    });
    await conversation(
      await callerFor(db, { user: a.agent, slug: a.workspace.slug }),
      "a-2",
      "Refund or ship my parcel?",
    );
    const list = await (await agentWith(NO_AI)).inbox.list({ filter: "all", limit: 10 });
    const id = list.find((c) => c.externalId === "a-2")?.id ?? "";
    const model = generatingModel({ reply: "It ships in 2 days.", citedSources: [1] });
    const result = await (
      await agentWith(mockRegistry({ language: model, embedding }))
    ).inbox.draft({ conversationId: id });
    expect(result).toMatchObject({ mode: "ai", ranking: "full-text+embeddings" });
    expect(result.sources.map((s) => s.title)).toEqual(["Shipping times"]);
  });

  it("maps a provider refusal to the clear AI error", async () => {
    const refusing = new MockLanguageModelV3({
      doGenerate: async () => {
        throw new APICallError({
          message: "bad key",
          url: "http://x",
          requestBodyValues: {},
          statusCode: 401,
          isRetryable: false,
        });
      },
    });
    const error = await catchError(
      (await agentWith(mockRegistry({ language: refusing }))).inbox.draft({
        conversationId: a.conversationId,
      }),
    );
    expect(error.code).toBe("BAD_GATEWAY");
    expect(error.message).toContain("check the API key in Settings → AI");
  });

  it("another workspace's conversation is NOT_FOUND, and B's draft never cites A's knowledge", async () => {
    const model = generatingModel({ reply: "x", citedSources: [1] });
    const bWithAi = await callerFor(
      db,
      { user: b.owner, slug: b.workspace.slug },
      { ai: mockRegistry({ language: model }) },
    );
    const error = await catchError(bWithAi.inbox.draft({ conversationId: a.conversationId }));
    expect(error.code).toBe("NOT_FOUND");
    expect(model.doGenerateCalls).toHaveLength(0);
    const own = await bWithAi.inbox.draft({ conversationId: b.conversationId });
    expect(own.sources.map((s) => s.snippet)).toEqual(["Beta-only secret answer"]);
    expect(JSON.stringify(model.doGenerateCalls)).not.toContain("Refunds arrive within");
  });
});
