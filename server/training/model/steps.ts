/**
 * Work written once as a generator that yields between pieces (each a few ms at most), run either
 * to completion at once (`runSteps`: tests, benches, worker threads) or in slices that give the
 * event loop back (`runStepsSliced`: a web process, where a 0.3–2 s synchronous load would stall
 * every request). Both run the same code, so the result is the same, bit for bit.
 */
export type Steps<T> = Generator<void, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Yields to the event loop (setImmediate: I/O callbacks run first) after each `budgetMs` of work. */
export async function runStepsSliced<T>(steps: Steps<T>, budgetMs = 4): Promise<T> {
  let started = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - started >= budgetMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      started = performance.now();
    }
  }
}
