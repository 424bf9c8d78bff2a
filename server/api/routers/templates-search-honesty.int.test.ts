import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { orderStatusDraft, refundPolicyDraft } from "@/test/template-drafts";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

describe("search says how a result matched", () => {
  it("marks fuzzy matches and offers 'did you mean'; exact matches rank first", async () => {
    const { caller } = await signUpOwner(db, { workspaceName: "Search honesty" });
    await caller.templates.create(refundPolicyDraft({ name: "Account locked", triggers: [] }));
    await caller.templates.create(refundPolicyDraft({ name: "Account closed", triggers: [] }));
    const fuzzy = await caller.templates.search({ query: "discount" });
    expect(fuzzy.items.length).toBeGreaterThan(0);
    expect(fuzzy.items.every((i) => i.match === "corrected")).toBe(true);
    expect(fuzzy.didYouMean).toBe("account");
    expect(fuzzy.partial).toBe(false);

    await caller.templates.create(refundPolicyDraft({ name: "Discount codes", triggers: [] }));
    const mixed = await caller.templates.search({ query: "discount" });
    expect(mixed.items[0]).toMatchObject({ name: "Discount codes", match: "exact" });
    expect(mixed.items.slice(1).every((i) => i.match === "corrected")).toBe(true);

    const typed = await caller.templates.search({ query: "account" });
    expect(typed.items.every((i) => i.match === "exact")).toBe(true);
    expect(typed.didYouMean).toBeNull();
  });

  it("matches trigger phrases by their words when no template has every word", async () => {
    const { caller } = await signUpOwner(db, { workspaceName: "Search words" });
    await caller.templates.create(orderStatusDraft());
    await caller.templates.create(refundPolicyDraft());
    const result = await caller.templates.search({ query: "where is my package" });
    expect(result.partial).toBe(true);
    expect(result.items.map((i) => [i.name, i.match])).toEqual([["Order status", "partial"]]);
    // Every word present: an ordinary, exact result.
    const whole = await caller.templates.search({ query: "where is my order" });
    expect(whole.partial).toBe(false);
    expect(whole.items[0]).toMatchObject({ name: "Order status", match: "exact" });
  });
});
