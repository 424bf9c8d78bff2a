import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { type Caller, signUpOwner } from "@/test/factories";

/**
 * Issue #13: `suggestions.forMessage({ conversationId })` with an inbox conversation's id reads
 * that conversation's customer attributes and earlier customer messages server-side to pre-fill,
 * the caller's own context winning; another workspace's conversation id reads nothing.
 */
let db: Database;
let a: { caller: Caller; conversationId: string };
let b: { caller: Caller };

const TEMPLATE = {
  name: "Order follow-up",
  content:
    "Hi {customer.first_name|there}, order {order_id} ({customer.plan}) — we wrote to {customer.email}.",
  status: "active",
  variables: [
    { name: "order_id", type: "text" },
    { name: "customer.plan", type: "text" },
  ],
  triggers: [{ kind: "keyword", value: "order", weight: 2 }],
} as const;

beforeAll(async () => {
  db = await testDatabase();
  const alpha = await signUpOwner(db, { workspaceName: "Prefill Alpha" });
  await alpha.caller.templates.create({
    ...TEMPLATE,
    variables: [...TEMPLATE.variables],
    triggers: [...TEMPLATE.triggers],
  });
  await alpha.caller.inbox.ingest({
    source: "api",
    conversations: [
      {
        externalId: "p-1",
        customer: {
          name: "Dana Scully",
          orderNumbers: ["AB-1001", "AB-2002"],
          attributes: { plan: "Gold" },
        },
        messages: [
          { externalId: "p-1-1", role: "customer", text: "You can reach me at dana@example.com" },
          { externalId: "p-1-2", role: "agent", text: "Thanks, looking into it." },
          { externalId: "p-1-3", role: "customer", text: "Any news on my order?" },
        ],
      },
    ],
  });
  const list = await alpha.caller.inbox.list({ filter: "all", limit: 10 });
  a = { caller: alpha.caller, conversationId: list[0]?.id ?? "" };
  const beta = await signUpOwner(db, { workspaceName: "Prefill Beta" });
  await beta.caller.templates.create({
    ...TEMPLATE,
    variables: [...TEMPLATE.variables],
    triggers: [...TEMPLATE.triggers],
  });
  b = { caller: beta.caller };
});

describe("suggestions.forMessage with an inbox conversation id", () => {
  it("pre-fills from the conversation's customer attributes and earlier customer messages", async () => {
    const answer = await a.caller.suggestions.forMessage({
      message: "Any news on my order?",
      conversationId: a.conversationId,
    });
    const top = answer.suggestions[0];
    expect(top?.preview).toBe("Hi Dana, order AB-2002 (Gold) — we wrote to dana@example.com.");
    expect(top?.valueSources).toMatchObject({
      "customer.first_name": "context",
      order_id: "context",
      "customer.plan": "context",
      "customer.email": "conversation",
    });
  });

  it("what the caller sends wins over the conversation, field by field", async () => {
    const answer = await a.caller.suggestions.forMessage({
      message: "Any news on my order?",
      conversationId: a.conversationId,
      history: [],
      context: { customer: { first_name: "Fox" } },
    });
    expect(answer.suggestions[0]?.preview).toBe("Hi Fox, order AB-2002 (Gold) — we wrote to .");
  });

  it("another workspace naming A's conversation id pre-fills nothing of A's", async () => {
    const answer = await b.caller.suggestions.forMessage({
      message: "Any news on my order?",
      conversationId: a.conversationId,
    });
    const top = answer.suggestions[0];
    expect(top?.preview).toBe("Hi there, order  () — we wrote to .");
    expect(JSON.stringify(answer)).not.toMatch(/Dana|AB-2002|Gold|dana@/);
  });
});
