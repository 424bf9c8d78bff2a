import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { assignVariant } from "@/server/abtests/assignment";
import { testDatabase } from "@/test/db";
import { addMember, type Caller, createKey, signUpOwner } from "@/test/factories";
import { refundPolicyDraft } from "@/test/template-drafts";

/**
 * The inbox's "/" search inserts a template through templates.render: with the conversation's
 * id, a template under a running A/B test renders the variant that conversation is assigned to
 * (the one sending it records as the exposure), not the control text.
 */
let db: Database;
let owner: Caller;
let agent: Caller;
let writer: Caller;

beforeAll(async () => {
  db = await testDatabase();
  const signed = await signUpOwner(db, { workspaceName: "AB Render Corp" });
  owner = signed.caller;
  agent = (await addMember(db, signed.workspace, "agent")).caller;
  writer = (await createKey(db, owner, "write")).caller;
});

describe("templates.render with a conversation", () => {
  it("renders the conversation's assigned variant, the control without one", async () => {
    const template = await owner.templates.create(
      refundPolicyDraft({
        name: "Render variant",
        content: "Control text for {customer.first_name|you}.",
      }),
    );
    const test = await owner.abTests.create({
      templateId: template.id,
      name: "Render the variant",
      // Acceptance counts every exposed conversation, so n shows whether rendering exposed any.
      metric: "acceptance",
      alpha: 0.05,
      power: 0.8,
      mde: 0.5,
      baseRate: 0.3,
      variants: [
        { label: "Control", weight: 1 },
        { label: "Warmer", content: "Warmer text for {customer.first_name|you}!", weight: 1 },
      ],
    });
    const count = 16;
    await writer.inbox.ingest({
      conversations: Array.from({ length: count }, (_, i) => ({
        externalId: `render-${i}`,
        messages: [{ externalId: "m1", role: "customer" as const, text: "Can I get a refund?" }],
      })),
    });
    const conversations = (await owner.inbox.list({ filter: "all", limit: 200 })).filter((c) =>
      c.externalId.startsWith("render-"),
    );
    expect(conversations).toHaveLength(count);
    const render = (conversationId?: string) =>
      agent.templates.render({
        id: template.id,
        values: { "customer.first_name": "Ana" },
        format: "text",
        ...(conversationId ? { conversationId } : {}),
      });

    // Before the test runs, every conversation gets the template's own text.
    const first = conversations[0];
    if (!first) throw new Error("no conversation");
    expect((await render(first.id)).output).toBe("Control text for Ana.");

    await owner.abTests.start({ id: test.id });
    const seen = new Set<string>();
    for (const c of conversations) {
      const variant = assignVariant(test.id, c.id, test.variants);
      seen.add(variant.label);
      const expected =
        variant.label === "Warmer" ? "Warmer text for Ana!" : "Control text for Ana.";
      expect((await render(c.id)).output, variant.label).toBe(expected);
    }
    // Both arms were rendered (16 random conversation ids split 1:1 by SHA-256 all land in one
    // arm once in 32,768 runs).
    expect([...seen].sort()).toEqual(["Control", "Warmer"]);
    // Without a conversation the control text renders, and rendering exposes nobody.
    expect((await render()).output).toBe("Control text for Ana.");
    const results = await owner.abTests.results({ id: test.id });
    expect(results.variants.map((v) => v.n)).toEqual([0, 0]);

    // Once stopped, the template's own text again.
    await owner.abTests.stop({ id: test.id });
    for (const c of conversations) {
      expect((await render(c.id)).output).toBe("Control text for Ana.");
    }
  });
});
