import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { type Caller, catchError, signUpOwner } from "@/test/factories";
import { orderStatusDraft, refundPolicyDraft } from "@/test/template-drafts";

let db: Database;
let owner: Caller;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await testDatabase();
  ({ caller: owner } = await signUpOwner(db, { workspaceName: "Templates Search" }));
  const drafts = [
    refundPolicyDraft(),
    orderStatusDraft(),
    refundPolicyDraft({
      name: "Request a refund",
      content: "To request your money back, reply with the order number.",
      tags: ["billing"],
      triggers: [{ kind: "phrase", value: "want my money back" }],
    }),
    orderStatusDraft({
      name: "Cancel order",
      content: "We cancelled order {order_id}. Nothing was charged.",
      status: "draft",
      language: "de",
      variables: [{ name: "order_id", type: "text", required: true }],
      triggers: [{ kind: "keyword", value: "cancel" }],
    }),
    refundPolicyDraft({ name: "<b>Refund</b> & co", category: null, status: "archived" }),
  ];
  for (const draft of drafts) ids[draft.name] = (await owner.templates.create(draft)).id;
});

const names = (page: { items: { name: string }[] }) => page.items.map((i) => i.name);

describe("templates.search", () => {
  it("finds templates by a prefix as it is typed, name matches first", async () => {
    const page = await owner.templates.search({ query: "refu" });
    // "Any status" is the templates in use or in the works: the archived one is asked for.
    expect(names(page).slice(0, 2).sort()).toEqual(["Refund policy", "Request a refund"]);
    expect(names(page)).not.toContain("<b>Refund</b> & co");
    expect(page.items.every((i) => i.score > 0)).toBe(true);
    expect(names(await owner.templates.search({ query: "ord sta" }))).toEqual(["Order status"]);
  });

  it("finds a misspelled name and highlights the words it matched", async () => {
    const page = await owner.templates.search({ query: "refnud polcy" });
    const [first] = page.items;
    expect(first?.name).toBe("Refund policy");
    expect(first?.highlights.name).toEqual([
      { text: "Refund", match: true },
      { text: " ", match: false },
      { text: "policy", match: true },
    ]);
  });

  it("searches trigger phrases and content, with a highlighted snippet", async () => {
    expect(names(await owner.templates.search({ query: "money back" }))).toEqual(
      expect.arrayContaining(["Refund policy", "Request a refund"]),
    );
    const [hit] = (await owner.templates.search({ query: "original payment" })).items;
    expect(hit?.highlights.snippet.filter((s) => s.match).map((s) => s.text)).toEqual([
      "original",
      "payment",
    ]);
    expect(hit?.highlights.snippet.map((s) => s.text).join("")).toContain(
      "Refunds go back to the original payment method.",
    );
  });

  it("applies status, category, tag and language filters, exclusions and OR", async () => {
    const refund = await owner.templates.search({ query: "refund", status: "active" });
    expect(names(refund).sort()).toEqual(["Refund policy", "Request a refund"]);
    const tagged = await owner.templates.search({ query: "refund", tags: ["returns"] });
    expect(names(tagged).sort()).toEqual(["Refund policy"]);
    const archived = await owner.templates.search({
      query: "refund",
      tags: ["returns"],
      status: "archived",
    });
    expect(names(archived)).toEqual(["<b>Refund</b> & co"]);
    expect(names(await owner.templates.search({ query: "order", language: "de" }))).toEqual([
      "Cancel order",
    ]);
    const categoryId = (await owner.templates.get({ id: ids["Order status"] ?? "" })).category?.id;
    expect(names(await owner.templates.search({ query: "order", categoryId }))).toEqual(
      expect.arrayContaining(["Order status", "Cancel order"]),
    );
    expect(names(await owner.templates.search({ query: "refund -policy -co" }))).toEqual([
      "Request a refund",
    ]);
    expect(names(await owner.templates.search({ query: "cancelled or shipped" })).sort()).toEqual([
      "Cancel order",
      "Order status",
    ]);
    expect((await owner.templates.search({ query: "  -refund !! " })).items).toEqual([]);
  });

  it("returns highlights as plain text segments, never HTML", async () => {
    const page = await owner.templates.search({ query: "refund co", status: "archived" });
    expect(page.items[0]?.highlights.name).toEqual([
      { text: "<b>", match: false },
      { text: "Refund", match: true },
      { text: "</b> & ", match: false },
      { text: "co", match: true },
    ]);
  });

  it("pages with an opaque cursor, each result once", async () => {
    const { caller } = await signUpOwner(db, { workspaceName: "Search paging" });
    for (let i = 0; i < 25; i++) {
      await caller.templates.create(refundPolicyDraft({ name: `Bulk reply ${i}` }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<Caller["templates"]["search"]>> =
        await caller.templates.search({ query: "bulk", limit: 10, cursor });
      seen.push(...names(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(25);

    const first = await caller.templates.search({ query: "bulk", limit: 10 });
    const reused = await catchError(
      caller.templates.search({ query: "reply", limit: 10, cursor: first.nextCursor }),
    );
    expect(reused.code).toBe("BAD_REQUEST");
  });
});
