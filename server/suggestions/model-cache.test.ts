import { describe, expect, it } from "vitest";
import { serializeModel } from "@/server/training/model/serialize";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { INTENT_MESSAGES } from "@/test/suggestion-model";
import { ModelCache } from "./model-cache";

const artifact = (version: number) => {
  const model = trainModel(
    Object.entries(INTENT_MESSAGES).flatMap(([label, texts]) =>
      texts.map((text) => ({ text, label })),
    ),
    { ...DEFAULT_TRAINING, refit: false, wordVectorsBelowPerLabel: 0 },
  );
  return {
    version,
    bytes: serializeModel(model),
    threshold: model.threshold,
    labels: model.labels,
  };
};

describe("ModelCache", () => {
  it("loads a version once, shares concurrent loads, and is bounded by bytes", async () => {
    const a = artifact(1);
    let fetches = 0;
    const fetch = async () => {
      fetches++;
      return a;
    };
    const probe = new ModelCache();
    const probeModel = probe.add("probe", { versionId: "p", version: 1 }, a);
    // Room for one model and a half: a second workspace's model pushes the first out.
    const cache = new ModelCache(Math.floor(probeModel.bytes * 1.5));
    const stamp = { versionId: "v1", version: 1 };
    const [x, y] = await Promise.all([
      cache.get("w1", stamp, fetch),
      cache.get("w1", stamp, fetch),
    ]);
    expect(fetches).toBe(1);
    expect(x).toBe(y);
    expect(await cache.get("w1", stamp, fetch)).toBe(x);
    expect(fetches).toBe(1);
    await cache.get("w2", { versionId: "v9", version: 1 }, fetch);
    expect(cache.stats().models).toBe(1);
    expect(cache.stats().bytes).toBeLessThanOrEqual(cache.stats().maxBytes);
    await cache.get("w1", stamp, fetch);
    expect(fetches).toBe(3); // w1 was evicted, so it loads again
  });

  it("a workspace's new version replaces its old one", async () => {
    const cache = new ModelCache();
    await cache.get("w", { versionId: "v1", version: 1 }, async () => artifact(1));
    const second = await cache.get("w", { versionId: "v2", version: 2 }, async () => artifact(2));
    expect(second?.version).toBe(2);
    expect(cache.stats().models).toBe(1);
  });

  it("counts a listener's own copies against the bound", async () => {
    const a = artifact(1);
    const one = new ModelCache().add("probe", { versionId: "p", version: 1 }, a).bytes;
    const added: string[] = [];
    const dropped: string[] = [];
    // Room for two models held once, or one held twice (and a half).
    const bound = Math.floor(one * 2.5);
    const single = new ModelCache(bound);
    const copied = new ModelCache(bound, {
      added: (key) => added.push(key),
      dropped: (key) => dropped.push(key),
      keepsCopy: true,
    });
    for (const cache of [single, copied]) {
      await cache.get("w1", { versionId: "v1", version: 1 }, async () => a);
      await cache.get("w2", { versionId: "v2", version: 1 }, async () => a);
    }
    expect(single.stats()).toMatchObject({ models: 2, bytes: 2 * one, modelBytes: 2 * one });
    expect(copied.stats()).toMatchObject({ models: 1, bytes: 2 * one, modelBytes: one, copies: 2 });
    expect(copied.has("w2", "v2")).toBe(true);
    // The listener was told to drop the first model's copy too.
    expect(added).toEqual(["w1:v1", "w2:v2"]);
    expect(dropped).toEqual(["w1:v1"]);
  });
});
