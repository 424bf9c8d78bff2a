import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { type Caller, catchError, createKey, signUpOwner } from "@/test/factories";

/**
 * The inbox list past its first page (each item's cursor asks for the ones after it) and the
 * tabs' counts, each seen only by its own workspace.
 */
let db: Database;
let a: Awaited<ReturnType<typeof signUpOwner>>;
let b: Awaited<ReturnType<typeof signUpOwner>>;
let aWriter: Caller;

async function push(writer: Caller, prefix: string, count: number) {
  // One batch per conversation: each gets its own last_message_at, in this order.
  for (let i = 0; i < count; i++) {
    await writer.inbox.ingest({
      conversations: [
        {
          externalId: `${prefix}-${i}`,
          messages: [{ externalId: "m1", role: "customer", text: `Question ${i}` }],
        },
      ],
    });
  }
}

beforeAll(async () => {
  db = await testDatabase();
  a = await signUpOwner(db, { workspaceName: "Inbox pages A" });
  b = await signUpOwner(db, { workspaceName: "Inbox pages B" });
  aWriter = (await createKey(db, a.caller, "write")).caller;
  await push(aWriter, "page", 5);
});

describe("inbox.list pages and inbox.counts", () => {
  it("pages through every conversation once, newest activity first", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const items: Awaited<ReturnType<typeof a.caller.inbox.list>> = await a.caller.inbox.list({
        filter: "open",
        limit: 2,
        cursor,
      });
      seen.push(...items.map((c) => c.externalId));
      if (items.length < 2) break;
      cursor = items.at(-1)?.cursor ?? null;
    }
    expect(seen).toEqual(["page-4", "page-3", "page-2", "page-1", "page-0"]);
  });

  it("counts each tab, and another workspace counts and lists none of them", async () => {
    const [newest, second] = await a.caller.inbox.list({ filter: "open", limit: 2 });
    if (!newest || !second) throw new Error("missing conversations");
    await a.caller.inbox.setStatus({ conversationId: newest.id, status: "resolved" });
    await a.caller.inbox.setStatus({ conversationId: second.id, status: "pending" });
    await a.caller.inbox.assign({ conversationId: second.id, userId: a.user.id });
    expect(await a.caller.inbox.counts()).toEqual({
      open: 3,
      mine: 1,
      unassigned: 3,
      pending: 1,
      resolved: 1,
    });
    // An API key is nobody: nothing is "mine".
    expect((await aWriter.inbox.counts()).mine).toBe(0);
    expect(await b.caller.inbox.counts()).toEqual({
      open: 0,
      mine: 0,
      unassigned: 0,
      pending: 0,
      resolved: 0,
    });
    expect(await b.caller.inbox.list({ filter: "all", limit: 200 })).toEqual([]);
    // A's cursor in B's hands finds nothing of A.
    expect(await b.caller.inbox.list({ filter: "all", limit: 200, cursor: newest.cursor })).toEqual(
      [],
    );
  });

  it("refuses a forged cursor with BAD_REQUEST", async () => {
    const forged = Buffer.from(JSON.stringify({ t: "2024-02-30T00:00:00Z", i: a.user.id }));
    for (const cursor of ["not a cursor", forged.toString("base64url")]) {
      const error = await catchError(a.caller.inbox.list({ filter: "all", limit: 5, cursor }));
      expect(error.code).toBe("BAD_REQUEST");
    }
  });
});
