import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { datasetRows, datasets } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { openAiSession } from "@/server/ai/ai-session";
import { aiDraftReply } from "@/server/ai/draft-reply";
import type { Row } from "@/server/training/datasets/types";
import { generatingModel, mockRegistry } from "@/test/ai";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { searchKnowledge } from "./knowledge-search";

/** Issue #13 point 4: FTS retrieval over FAQ/knowledge rows and the grounded, cited draft. */
let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

async function workspaceWith(name: string, rows: Row[], status = "ready"): Promise<string> {
  const { workspace } = await signUpOwner(db);
  await withTenant(db, workspace.id, async (tx) => {
    const [d] = await tx
      .insert(datasets)
      .values({ workspaceId: workspace.id, name, kind: "faq", status, rowCount: rows.length })
      .returning({ id: datasets.id });
    if (!d) throw new Error("no dataset");
    await tx.insert(datasetRows).values(
      rows.map((data, i) => ({
        workspaceId: workspace.id,
        datasetId: d.id,
        seq: i,
        line: i + 2,
        data,
      })),
    );
  });
  return workspace.id;
}

const FAQ: Row[] = [
  {
    kind: "faq",
    question: "How do I reset my password?",
    answer: "Use Forgot password on the sign-in page.",
  },
  {
    kind: "faq",
    question: "How long does a refund take?",
    answer: "Refunds arrive within 5 business days.",
  },
  {
    kind: "article",
    title: "Shipping times",
    body: "Parcels ship in 2 days and arrive within a week.",
  },
];

describe("searchKnowledge", () => {
  it("ranks the closest FAQ first on partial matches and never returns another workspace's rows", async () => {
    const a = await workspaceWith("Help centre FAQ", FAQ);
    await workspaceWith("Other FAQ", [
      { kind: "faq", question: "refund refund refund", answer: "other workspace secret" },
    ]);
    const hits = await withTenant(db, a, (tx) =>
      searchKnowledge(tx, { query: "when will I get my refund back??" }),
    );
    expect(hits[0]).toMatchObject({
      heading: "How long does a refund take?",
      datasetName: "Help centre FAQ",
      line: 3,
    });
    expect(hits.map((h) => h.text)).not.toContain("other workspace secret");
    const none = await withTenant(db, a, (tx) => searchKnowledge(tx, { query: "!!" }));
    expect(none).toEqual([]);
  });

  it("ignores datasets that are not ready", async () => {
    const w = await workspaceWith("Parsing", FAQ, "parsing");
    const hits = await withTenant(db, w, (tx) => searchKnowledge(tx, { query: "refund" }));
    expect(hits).toEqual([]);
  });
});

describe("aiDraftReply", () => {
  it("cites the sources the model relied on and drops invented indices", async () => {
    const w = await workspaceWith("Help centre FAQ", FAQ);
    const sources = await withTenant(db, w, (tx) => searchKnowledge(tx, { query: "refund" }));
    const model = generatingModel({
      reply: "Refunds arrive within 5 business days.",
      citedSources: [1, 7],
    });
    const session = await openAiSession({
      registry: mockRegistry({ language: model }),
      workspaceId: w,
      inTenant: (fn) => withTenant(db, w, fn),
    });
    const draft = await aiDraftReply(session, { message: "Where is my refund?", sources });
    expect(draft).toEqual({
      reply: "Refunds arrive within 5 business days.",
      cited: [1],
      droppedCitations: [7],
      ungrounded: false,
    });
    expect(sources[(draft.cited[0] ?? 0) - 1]).toMatchObject({
      heading: "How long does a refund take?",
      datasetName: "Help centre FAQ",
    });
    expect(JSON.stringify(model.doGenerateCalls[0]?.prompt)).toContain("[1]");
  });

  it("says so when the model cites nothing", async () => {
    const w = await workspaceWith("Help centre FAQ", FAQ);
    const model = generatingModel({ reply: "I could not find this.", citedSources: [] });
    const session = await openAiSession({
      registry: mockRegistry({ language: model }),
      workspaceId: w,
      inTenant: (fn) => withTenant(db, w, fn),
    });
    const draft = await aiDraftReply(session, { message: "hi", sources: [] });
    expect(draft.ungrounded).toBe(true);
  });
});
