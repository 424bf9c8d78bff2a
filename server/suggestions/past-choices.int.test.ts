import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { suggestionEvents } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { exampleTextHash } from "@/server/training/examples/store";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { type NewSuggestionEvent, recordSuggestions } from "./past-choices";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

const event = (
  workspaceId: string,
  over: Partial<NewSuggestionEvent> = {},
): NewSuggestionEvent => ({
  id: crypto.randomUUID(),
  workspaceId,
  conversationId: "conv-42",
  text: "Where is my card? It's been a week",
  tokens: ["card", "week"],
  suggestedTemplateIds: [crypto.randomUUID(), crypto.randomUUID()],
  confident: true,
  modelVersion: 3,
  requestedBy: null,
  ...over,
});

describe("recordSuggestions", () => {
  it("writes every field of a batch as given, nulls and arrays included", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Events batch" });
    const ws = owner.workspace.id;
    const full = event(ws, { requestedBy: owner.user.id });
    const bare = event(ws, {
      conversationId: null,
      tokens: [],
      suggestedTemplateIds: [],
      confident: false,
      modelVersion: null,
      text: 'quotes " and \\ backslashes, émoji 🎉, new\nline',
    });
    await withTenant(db, ws, (tx) => recordSuggestions(tx, [full, bare]));
    const rows = await withTenant(db, ws, (tx) => tx.select().from(suggestionEvents));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const sent of [full, bare]) {
      expect(byId.get(sent.id)).toMatchObject({
        workspaceId: ws,
        conversationId: sent.conversationId,
        text: sent.text,
        textHash: exampleTextHash(sent.text),
        tokens: sent.tokens,
        suggestedTemplateIds: sent.suggestedTemplateIds,
        confident: sent.confident,
        modelVersion: sent.modelVersion,
        requestedBy: sent.requestedBy,
        decidedAt: null,
      });
    }
  });

  it("keeps a text cut inside an emoji as valid text, and loses no row of the batch", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Events cut" });
    const ws = owner.workspace.id;
    const long = event(ws, { text: `${"a".repeat(3_999)}🎉 and more` }); // the cut splits 🎉
    const next = event(ws);
    await withTenant(db, ws, (tx) => recordSuggestions(tx, [long, next]));
    const rows = await withTenant(db, ws, (tx) => tx.select().from(suggestionEvents));
    expect(rows).toHaveLength(2);
    const stored = rows.find((r) => r.id === long.id);
    expect(stored?.text).toBe(`${"a".repeat(3_999)}\uFFFD`);
    expect(stored?.textHash).toBe(exampleTextHash(long.text));
  });

  it("cannot write into, or be read from, another workspace", async () => {
    const a = await signUpOwner(db, { workspaceName: "Events A" });
    const b = await signUpOwner(db, { workspaceName: "Events B" });
    const mine = event(a.workspace.id);
    await withTenant(db, a.workspace.id, (tx) => recordSuggestions(tx, [mine]));
    const seenByB = await withTenant(db, b.workspace.id, (tx) =>
      tx.select().from(suggestionEvents).where(eq(suggestionEvents.id, mine.id)),
    );
    expect(seenByB).toEqual([]);
    // A row claiming workspace A, written in B's tenant transaction: refused by the policy.
    const refused = await withTenant(db, b.workspace.id, (tx) =>
      recordSuggestions(tx, [event(a.workspace.id)]),
    ).then(
      () => "written",
      (e: { code?: string; cause?: { code?: string } }) => e.code ?? e.cause?.code,
    );
    expect(refused).toBe("42501"); // new row violates row-level security policy
  });
});
