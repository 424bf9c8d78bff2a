import { describe, expect, it } from "vitest";
import { createListenHub } from "./listen";

describe("createListenHub", () => {
  it("LISTENs once per channel, fans out to every handler, and UNLISTENs after the last one", async () => {
    const calls: string[] = [];
    const deliverers = new Map<string, (payload: string) => void>();
    const listen = createListenHub(async (channel, deliver) => {
      calls.push(`listen ${channel}`);
      deliverers.set(channel, deliver);
      return async () => {
        calls.push(`unlisten ${channel}`);
      };
    });
    const a: string[] = [];
    const b: string[] = [];
    const offA = await listen("jobs", (p) => a.push(p));
    const offB = await listen("jobs", (p) => {
      b.push(p);
      throw new Error("a broken subscriber does not stop the others");
    });
    deliverers.get("jobs")?.("1");
    expect(calls).toEqual(["listen jobs"]);
    expect([a, b]).toEqual([["1"], ["1"]]);
    await offB();
    deliverers.get("jobs")?.("2");
    expect([a, b]).toEqual([["1", "2"], ["1"]]);
    await offA();
    expect(calls).toEqual(["listen jobs", "unlisten jobs"]);
    await expect(listen("Bad-Name", () => {})).rejects.toThrow("bad channel");
  });
});
