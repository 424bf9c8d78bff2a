import { beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import type { SessionUser } from "@/server/access/caller";
import { createKey, signUpOwner } from "@/test/factories";
import { readSse } from "@/test/sse";
import { inboxEventsResponse } from "./events-stream";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await getDatabase();
});

/** Opens the stream; it is closed (aborted) after `ms`, then everything received is returned. */
async function watch(who: { user?: SessionUser; key?: string; slug?: string }, ms: number) {
  const url = new URL("http://parley.test/api/inbox/events");
  if (who.slug) url.searchParams.set("workspace", who.slug);
  const headers = new Headers();
  if (who.key) headers.set("authorization", `Bearer ${who.key}`);
  const abort = new AbortController();
  const response = await inboxEventsResponse({
    handle,
    request: new Request(url, { headers, signal: abort.signal }),
    getSessionUser: async () => who.user ?? null,
    ip: null,
    heartbeatMs: 100,
  });
  if (response.status !== 200) return { status: response.status, events: [] };
  setTimeout(() => abort.abort(), ms);
  const { events } = await readSse(response);
  return { status: response.status, events };
}

const push = (externalId: string) => ({
  conversations: [
    { externalId, messages: [{ externalId: "1", role: "customer" as const, text: "Hello?" }] },
  ],
});

describe("GET /api/inbox/events", () => {
  it("announces the workspace's new conversations without a reload, and none of another's", async () => {
    const a = await signUpOwner(handle.db, { workspaceName: "Events A" });
    const b = await signUpOwner(handle.db, { workspaceName: "Events B" });
    const aKey = await createKey(handle.db, a.caller, "write");
    const bKey = await createKey(handle.db, b.caller, "write");
    const watching = watch({ user: a.user, slug: a.workspace.slug }, 3_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await bKey.caller.inbox.ingest(push("b-only"));
    await aKey.caller.inbox.ingest(push("a-first"));
    const { status, events } = await watching;
    expect(status).toBe(200);
    const [listed] = await a.caller.inbox.list({ filter: "all", limit: 5 });
    expect(events.map((e) => e.data.id)).toEqual([listed?.id]);
    expect(events[0]?.event).toBe("conversation");
  });

  it("refuses a stranger, another workspace's key naming it, and anonymous callers", async () => {
    const a = await signUpOwner(handle.db, { workspaceName: "Events C" });
    const b = await signUpOwner(handle.db, { workspaceName: "Events D" });
    const bKey = await createKey(handle.db, b.caller, "read");
    expect((await watch({ user: b.user, slug: a.workspace.slug }, 100)).status).toBe(404);
    expect((await watch({ key: bKey.key, slug: a.workspace.slug }, 100)).status).toBe(403);
    expect((await watch({ slug: a.workspace.slug }, 100)).status).toBe(401);
  });
});
