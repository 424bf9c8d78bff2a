import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createEventCoalescer } from "./event-coalescer";

describe("inbox event coalescer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("hands a burst over once, each conversation once, after the window", () => {
    const flushes: string[][] = [];
    const events = createEventCoalescer(250, (ids) => flushes.push([...ids]));
    for (let i = 0; i < 100; i++) events.add(`c${i % 7}`);
    vi.advanceTimersByTime(249);
    expect(flushes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(flushes).toHaveLength(1);
    expect(flushes[0]?.sort()).toEqual(["c0", "c1", "c2", "c3", "c4", "c5", "c6"]);
  });

  it("keeps a steady stream flowing: one flush per window, not one at the end", () => {
    const flushes: string[][] = [];
    const events = createEventCoalescer(250, (ids) => flushes.push([...ids]));
    for (let t = 0; t < 1000; t += 50) {
      events.add(`c${t}`);
      vi.advanceTimersByTime(50);
    }
    expect(flushes).toHaveLength(4);
    expect(flushes.flat()).toHaveLength(20);
  });

  it("drops what waits when cancelled", () => {
    const flush = vi.fn();
    const events = createEventCoalescer(250, flush);
    events.add("c1");
    events.cancel();
    vi.advanceTimersByTime(1000);
    expect(flush).not.toHaveBeenCalled();
    events.add("c2");
    vi.advanceTimersByTime(250);
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
