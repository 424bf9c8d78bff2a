import { describe, expect, it } from "vitest";
import { SharedLoads } from "./shared-loads";

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("SharedLoads", () => {
  it("calls for one key share the load under way and keep its value once", async () => {
    const loads = new SharedLoads<string, number>();
    const d = deferred<number>();
    let started = 0;
    const kept: number[] = [];
    const start = () => {
      started++;
      return d.promise;
    };
    const calls = [1, 2, 3].map(() => loads.load("k", start, (v) => kept.push(v)));
    expect(loads.isLoading("k")).toBe(true);
    d.resolve(7);
    expect(await Promise.all(calls)).toEqual([7, 7, 7]);
    expect(started).toBe(1);
    expect(kept).toEqual([7]);
    expect(loads.isLoading("k")).toBe(false);
  });

  it("a forgotten load answers its callers but is not kept, and later calls start anew", async () => {
    const loads = new SharedLoads<string, string>();
    const old = deferred<string>();
    const fresh = deferred<string>();
    const kept: string[] = [];
    const before = loads.load(
      "k",
      () => old.promise,
      (v) => kept.push(v),
    );
    loads.forget("k");
    const after = loads.load(
      "k",
      () => fresh.promise,
      (v) => kept.push(v),
    );
    old.resolve("old");
    fresh.resolve("new");
    expect(await before).toBe("old");
    expect(await after).toBe("new");
    expect(kept).toEqual(["new"]);
  });

  it("a failed load reaches its callers, keeps nothing, and the next call retries", async () => {
    const loads = new SharedLoads<string, string>();
    const kept: string[] = [];
    await expect(
      loads.load(
        "k",
        () => Promise.reject(new Error("down")),
        (v) => kept.push(v),
      ),
    ).rejects.toThrow("down");
    expect(
      await loads.load(
        "k",
        async () => "up",
        (v) => kept.push(v),
      ),
    ).toBe("up");
    expect(kept).toEqual(["up"]);
  });

  it("forgets by predicate or all at once", async () => {
    const loads = new SharedLoads<string, number>();
    const never = () => new Promise<number>(() => {});
    for (const key of ["a\nu1", "b\nu1", "c\nu2"]) void loads.load(key, never, () => {});
    loads.forgetWhere((key) => key.endsWith("\nu1"));
    expect(["a\nu1", "b\nu1", "c\nu2"].map((k) => loads.isLoading(k))).toEqual([
      false,
      false,
      true,
    ]);
    loads.forget();
    expect(loads.isLoading("c\nu2")).toBe(false);
  });
});
