/**
 * How much a piece of work blocks the event loop: `monitorEventLoopDelay` (max, p99, mean of the
 * delay of the loop's turns) and a 10 ms interval timer that counts how often it got to run
 * (a blocked loop fires it late and rarely). Used by `bench analysis` to compare the analysis
 * computed on the calling thread with the analysis computed in a worker thread.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

export interface EventLoopFigures {
  max_ms: number;
  p99_ms: number;
  mean_ms: number;
  /** Firings of a 10 ms interval timer during the work, and how many a free loop would give. */
  timer_ticks: number;
  timer_ticks_expected: number;
  /** The longest time the timer could not fire (from the start, between firings, to the end). */
  longest_stall_ms: number;
}

export async function probeEventLoop<T>(
  work: () => Promise<T>,
): Promise<{ result: T; seconds: number; cpuSeconds: number; loop: EventLoopFigures }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let ticks = 0;
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
    ticks++;
  }, 10);
  histogram.enable();
  // The histogram records the gap between two of its own timer callbacks: let it take its first
  // one, or a stall that starts with the work would never be recorded.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  try {
    const result = await work();
    const elapsed = performance.now() - started;
    stall = Math.max(stall, performance.now() - last);
    // One more turn, so a stall that ends with the work is in the histogram too.
    await new Promise((resolve) => setTimeout(resolve, 20));
    // process.cpuUsage counts every thread of the process, the worker's included.
    const cpu = process.cpuUsage(cpuBefore);
    histogram.disable();
    return {
      result,
      seconds: Math.round(elapsed / 10) / 100,
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      loop: {
        max_ms: ms(histogram.max),
        p99_ms: ms(histogram.percentile(99)),
        mean_ms: ms(histogram.mean),
        timer_ticks: ticks,
        timer_ticks_expected: Math.floor(elapsed / 10),
        longest_stall_ms: Math.round(stall),
      },
    };
  } finally {
    clearInterval(timer);
    histogram.disable();
  }
}
