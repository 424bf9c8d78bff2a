import { describe, expect, it } from "vitest";
import { createAdmission } from "./admission";

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // CPU work, as a suggestion's
  }
};

describe("createAdmission", () => {
  it("starts one job per turn at first, so a callback that became ready runs between them", async () => {
    const admit = createAdmission(1);
    const order: string[] = [];
    for (const name of ["a", "b", "c"]) {
      admit(() => {
        order.push(name);
        busy(2);
        // Its promise continuations belong to the job: they run before the next one starts.
        void Promise.resolve().then(() => order.push(`${name} continued`));
      });
    }
    // Ready after the first job was scheduled: started as they came, all three would run first.
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        order.push("other");
        resolve();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order).toEqual(["a", "a continued", "other", "b", "b continued", "c", "c continued"]);
  });

  it("runs every job, in arrival order, including those admitted while it drains", async () => {
    const admit = createAdmission(1);
    const ran: number[] = [];
    for (let i = 0; i < 5; i++) admit(() => ran.push(i));
    await new Promise((resolve) => setImmediate(resolve));
    admit(() => ran.push(5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("sizes a turn's batch by the measured cost of a job, to about the turn's length", async () => {
    const admit = createAdmission(10);
    let turn = 0;
    let done = false;
    const tick = () => {
      turn++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const turnOf: number[] = [];
    for (let i = 0; i < 60; i++) {
      admit(() => {
        turnOf.push(turn);
        busy(2);
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    done = true;
    const perTurn = new Map<number, number>();
    for (const t of turnOf) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
    const sizes = [...perTurn.values()];
    expect(sizes[0]).toBe(1); // not measured yet
    // Settled: about 10 ms / 2 ms per job (the last batch may be the queue's remainder).
    const settled = sizes.slice(-4, -1);
    for (const size of settled) {
      expect(size).toBeGreaterThanOrEqual(2); // 3 here when idle; CI runs tests side by side
      expect(size).toBeLessThanOrEqual(5);
    }
  });
});
