import { describe, expect, it } from "vitest";
import type { Catalog } from "./catalog";
import { indexChoices } from "./choice-index";
import { buildTextIndex } from "./text-match";
import { INPUTS_TTL_MS, type WorkspaceInputs, WorkspaceInputsCache } from "./workspace-inputs";

const catalog = (stamp: string, bytes = 100): Catalog => ({
  stamp,
  templates: [],
  byId: new Map(),
  triggers: [],
  triggerOwner: new Int32Array(0),
  normalizedValues: [],
  text: buildTextIndex([]),
  bytes,
});
const inputs = (stamp: string, bytes = 100): WorkspaceInputs => ({
  catalog: catalog(stamp, bytes),
  deployed: null,
  aiSwitches: { rerank: false, embed: false },
  choices: indexChoices([]),
  bytes,
});

/** A load that resolves when the test says so, counting calls and what it was handed. */
function manualLoads() {
  const calls: { previous: Catalog | undefined; resolve: (v: WorkspaceInputs) => void }[] = [];
  const load = (previous: Catalog | undefined) =>
    new Promise<WorkspaceInputs>((resolve) => calls.push({ previous, resolve }));
  return { calls, load };
}

describe("WorkspaceInputsCache", () => {
  it("shares one read between concurrent requests, then answers from memory", async () => {
    const cache = new WorkspaceInputsCache(() => 0);
    const { calls, load } = manualLoads();
    const first = cache.get("a", load);
    const second = cache.get("a", load);
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(inputs("s1"));
    expect((await first).catalog.stamp).toBe("s1");
    expect((await second).catalog.stamp).toBe("s1");
    expect((await cache.get("a", load)).catalog.stamp).toBe("s1");
    expect(calls).toHaveLength(1);
  });

  it("after its time-to-live serves the kept copy while one refresh reads again", async () => {
    let now = 0;
    const cache = new WorkspaceInputsCache(() => now);
    const { calls, load } = manualLoads();
    const first = cache.get("a", load);
    calls[0]?.resolve(inputs("s1"));
    await first;
    now = INPUTS_TTL_MS + 1;
    expect((await cache.get("a", load)).catalog.stamp).toBe("s1");
    expect((await cache.get("a", load)).catalog.stamp).toBe("s1");
    expect(calls).toHaveLength(2); // one refresh, however many requests
    expect(calls[1]?.previous?.stamp).toBe("s1"); // handed the catalog to reuse
    calls[1]?.resolve(inputs("s2"));
    await Promise.resolve();
    await Promise.resolve();
    expect((await cache.get("a", load)).catalog.stamp).toBe("s2");
  });

  it("an announced change makes the next request read again; other workspaces keep theirs", async () => {
    const cache = new WorkspaceInputsCache(() => 0);
    const { calls, load } = manualLoads();
    const a = cache.get("a", load);
    const b = cache.get("b", load);
    calls[0]?.resolve(inputs("a1"));
    calls[1]?.resolve(inputs("b1"));
    await Promise.all([a, b]);
    cache.invalidate("a");
    const again = cache.get("a", load);
    expect(calls).toHaveLength(3);
    expect(calls[2]?.previous?.stamp).toBe("a1");
    calls[2]?.resolve(inputs("a2"));
    expect((await again).catalog.stamp).toBe("a2");
    expect((await cache.get("b", load)).catalog.stamp).toBe("b1");
    expect(calls).toHaveLength(3);
  });

  it("does not keep, nor let later requests join, a read that a change overtook", async () => {
    const cache = new WorkspaceInputsCache(() => 0);
    const { calls, load } = manualLoads();
    const before = cache.get("a", load);
    cache.invalidate("a"); // the change commits while the read is in flight
    const after = cache.get("a", load);
    expect(calls).toHaveLength(2);
    calls[0]?.resolve(inputs("old"));
    calls[1]?.resolve(inputs("new"));
    expect((await before).catalog.stamp).toBe("old"); // its own waiters still get an answer
    expect((await after).catalog.stamp).toBe("new");
    expect((await cache.get("a", load)).catalog.stamp).toBe("new");
    expect(calls).toHaveLength(2);
  });

  it("a failed read reaches its requests and is not kept", async () => {
    const cache = new WorkspaceInputsCache(() => 0);
    await expect(cache.get("a", () => Promise.reject(new Error("db down")))).rejects.toThrow(
      "db down",
    );
    const { calls, load } = manualLoads();
    const next = cache.get("a", load);
    calls[0]?.resolve(inputs("s1"));
    expect((await next).catalog.stamp).toBe("s1");
  });

  it("holds at most its bytes, the longest-kept first out", async () => {
    const cache = new WorkspaceInputsCache(() => 0, 250);
    for (const ws of ["a", "b", "c"]) await cache.get(ws, async () => inputs(ws, 100));
    const { calls, load } = manualLoads();
    void cache.get("a", load); // dropped: read again
    expect(calls).toHaveLength(1);
    expect(calls[0]?.previous).toBeUndefined();
    expect((await cache.get("c", load)).catalog.stamp).toBe("c");
    expect(calls).toHaveLength(1);
  });
});
