import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import type { SessionUser } from "@/server/access/caller";
import { createKey, signUpOwner } from "@/test/factories";
import { enqueueAsSystem, startTestWorker, waitForJobState } from "@/test/jobs";
import { readSse } from "@/test/sse";
import { stepsJob as registeredStepsJob } from "./definitions/diagnostics";
import { jobEventsResponse } from "./job-events-stream";
import type { RunningWorker } from "./worker";

const SYSTEM = { type: "system", label: "system" } as const;
// Its own queue: on PostgreSQL other test files' workers share the database.
const stepsJob = { ...registeredStepsJob, name: "test-steps-sse" };
let handle: DatabaseHandle;
let worker: RunningWorker;

beforeAll(async () => {
  handle = await getDatabase();
  worker = await startTestWorker([stepsJob]);
});
afterAll(async () => {
  await worker.stop({ timeoutMs: 2_000 });
});

function watch(
  jobId: string,
  who: { user?: SessionUser; key?: string; slug?: string; lastEventId?: string },
) {
  const url = new URL(`http://parley.test/api/jobs/${jobId}/events`);
  if (who.slug) url.searchParams.set("workspace", who.slug);
  const headers = new Headers();
  if (who.key) headers.set("authorization", `Bearer ${who.key}`);
  if (who.lastEventId) headers.set("last-event-id", who.lastEventId);
  return jobEventsResponse({
    handle,
    request: new Request(url, { headers }),
    jobId,
    getSessionUser: async () => who.user ?? null,
    ip: null,
    heartbeatMs: 100,
  });
}

describe("GET /api/jobs/[id]/events", () => {
  it("streams progress rising to 100, then done; Last-Event-ID replays only what was missed", async () => {
    const { user, workspace } = await signUpOwner(handle.db);
    const jobId = await enqueueAsSystem(handle.db, stepsJob, {
      workspaceId: workspace.id,
      actor: SYSTEM,
      steps: 5,
      stepMs: 150,
    });
    const response = await watch(jobId, { user, slug: workspace.slug });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const { events, comments } = await readSse(response);
    const progress = events.filter((e) => e.event === "progress").map((e) => e.data.progress);
    expect(progress).toEqual([20, 40, 60, 80, 100]);
    expect(events.at(-1)?.event).toBe("done");
    expect(comments).toBeGreaterThan(0); // heartbeats while the steps ran
    const ids = events.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);

    const again = await readSse(
      await watch(jobId, { user, slug: workspace.slug, lastEventId: events[1]?.id }),
    );
    expect(again.events.map((e) => e.id)).toEqual(events.slice(2).map((e) => e.id));

    // Reconnecting after the end yields nothing and closes.
    const after = await readSse(
      await watch(jobId, { user, slug: workspace.slug, lastEventId: events.at(-1)?.id }),
    );
    expect(after.events).toEqual([]);
  });

  it("answers 404 to another workspace's user or key; a read key watches its own workspace", async () => {
    const owner = await signUpOwner(handle.db);
    const stranger = await signUpOwner(handle.db);
    const strangerKey = await createKey(handle.db, stranger.caller, "write");
    const readKey = await createKey(handle.db, owner.caller, "read");
    const jobId = await enqueueAsSystem(handle.db, stepsJob, {
      workspaceId: owner.workspace.id,
      actor: SYSTEM,
      steps: 2,
      stepMs: 0,
    });
    await waitForJobState(handle.db, owner.workspace.id, jobId, ["completed"]);

    const asStranger = await watch(jobId, { user: stranger.user, slug: stranger.workspace.slug });
    expect(asStranger.status).toBe(404);
    const strangerInOwners = await watch(jobId, {
      user: stranger.user,
      slug: owner.workspace.slug,
    });
    expect(strangerInOwners.status).toBe(404);
    const asStrangerKey = await watch(jobId, { key: strangerKey.key });
    expect(asStrangerKey.status).toBe(404);
    const anonymous = await watch(jobId, { slug: owner.workspace.slug });
    expect(anonymous.status).toBe(401);

    const asReadKey = await watch(jobId, { key: readKey.key });
    expect(asReadKey.status).toBe(200);
    expect(asReadKey.headers.get("x-ratelimit-limit")).not.toBeNull();
    const { events } = await readSse(asReadKey);
    expect(events.map((e) => e.event)).toEqual(["progress", "progress", "done"]);
  });
});
