import { afterEach, describe, expect, it } from "vitest";
import { scoreText } from "@/server/training/model/model";
import { deserializeModel, serializeModel } from "@/server/training/model/serialize";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { ORDER_TEXTS, REFUND_TEXTS } from "@/test/training";
import { ScoringThread } from "./scoring-thread";

const model = trainModel(
  [
    ...ORDER_TEXTS.map((text) => ({ text, label: "order" })),
    ...REFUND_TEXTS.map((text) => ({ text, label: "refund" })),
  ],
  { ...DEFAULT_TRAINING, refit: false, seed: 3 },
);
const bytes = serializeModel(model);
const loaded = deserializeModel(bytes); // what the web process's cache holds

const threads: ScoringThread[] = [];
afterEach(async () => {
  await Promise.all(threads.splice(0).map((t) => t.close()));
});

async function threadHolding(key: string): Promise<ScoringThread> {
  const thread = new ScoringThread();
  threads.push(thread);
  thread.load(key, bytes);
  const deadline = Date.now() + 20_000;
  while (thread.held() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return thread;
}

describe("ScoringThread", () => {
  it("scores a burst of texts in the thread exactly as on the event loop", async () => {
    const thread = await threadHolding("ws:v1");
    expect(thread.held()).toBe(1);
    const texts = ["where is my parcel", "I want my money back", "xqzv", "🎉"];
    // Asked for in one burst (as concurrent requests do): one message to the thread.
    const there = await Promise.all(texts.map((text) => thread.score("ws:v1", text)));
    expect(thread.scored()).toBe(texts.length);
    texts.forEach((text, i) => {
      const here = scoreText(loaded, text);
      expect(there[i]).not.toBeNull();
      expect(Array.from(there[i]?.p ?? [])).toEqual(Array.from(here.p));
      expect(there[i]?.known).toBe(here.known);
      expect(there[i]?.missing).toBe(here.missing);
    });
  });

  it("leaves a lone text to the caller while the thread is idle (no round trip to wait for)", async () => {
    const thread = await threadHolding("ws:v1");
    expect(await thread.score("ws:v1", "where is my parcel")).toBeNull();
    const pair = await Promise.all([
      thread.score("ws:v1", "where is my parcel"),
      thread.score("ws:v1", "refund please"),
    ]);
    expect(pair.every((scores) => scores !== null)).toBe(true);
  });

  it("answers null (score in the caller) for a model it does not hold, and after a drop", async () => {
    const thread = await threadHolding("ws:v1");
    expect(thread.score("ws:v2", "where is my parcel")).toBeNull();
    thread.drop("ws:v1");
    expect(thread.held()).toBe(0);
    expect(thread.score("ws:v1", "where is my parcel")).toBeNull();
  });

  it("hands back every waiting caller when the thread goes away", async () => {
    const thread = await threadHolding("ws:v1");
    const waiting = Promise.all([
      thread.score("ws:v1", "where is my parcel"),
      thread.score("ws:v1", "refund please"),
    ]);
    await thread.close();
    // Handed back (null: the caller scores), never left hanging.
    expect(await waiting).toEqual([null, null]);
    expect(thread.score("ws:v1", "where is my parcel")).toBeNull();
  });

  it("scores nothing, and throws nothing, when the worker cannot start", () => {
    const thread = new ScoringThread(() => {
      throw new Error("worker not found");
    });
    thread.load("ws:v1", bytes);
    expect(thread.held()).toBe(0);
    expect(thread.score("ws:v1", "where is my parcel")).toBeNull();
  });
});
