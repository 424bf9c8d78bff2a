/**
 * How user patterns can run, measured: `npm run bench:regex` prints one JSON object.
 *
 * - inThread: V8's RegExp on the event loop, unbounded (what a browser preview did).
 * - vmInThread: the former server runner, `vm.Script#runInContext` with a 50 ms timeout per
 *   pattern, on the event loop (bounded per pattern, not per request).
 * - pool: the chosen runner (server/templates/regex/regex-worker-pool.ts): worker threads,
 *   one vm timeout per batch = the request's budget, terminate-and-replace as a backstop.
 * - workerStart: what replacing a terminated worker costs, i.e. what a terminate-only pool
 *   would pay on every stopped batch.
 *
 * Linear-time engines were measured by hand (they are not dependencies): see the README
 * section "User patterns" for re2js, re2-wasm and re2 (native).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import vm from "node:vm";
import { Worker } from "node:worker_threads";
import { createRegexBudget } from "@/server/templates/regex/regex-budget";
import { createRegexPool } from "@/server/templates/regex/regex-worker-pool";

const ORDINARY = [
  { pattern: "^(?:[A-Z]{2}-\\d{4})$", flags: "u", input: "AB-1234" },
  { pattern: "\\border\\s+#?\\d+", flags: "i", input: "Hi, where is my order #12345? Thanks" },
  { pattern: "where is my (order|package)", flags: "i", input: "Where is my PACKAGE?" },
  { pattern: "(?<=#)\\d{4,10}", flags: "", input: "ref #20240305" },
];
const EVIL_VALUE = `${"a".repeat(40)}!`;
/** The probe of issue #7: 50 variables, `(a|a)*` as the renderer wraps it, a×40 + "!". */
const ATTACK = Array.from({ length: 50 }, (_, i) => ({
  pattern: "^(?:(a|a)*)$",
  flags: "u",
  input: `${EVIL_VALUE}${i}`,
}));

const round = (n: number) => Math.round(n * 1000) / 1000;
const now = () => performance.now();

function perCallUs(run: () => void, iterations: number): number {
  for (let i = 0; i < Math.min(200, iterations); i++) run();
  const started = now();
  for (let i = 0; i < iterations; i++) run();
  return round(((now() - started) / iterations) * 1000);
}

async function withLoopDelay<T>(
  work: () => Promise<T> | T,
): Promise<{ ms: number; maxLoopDelayMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = now();
  // Let the histogram's timer arm before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 10));
  await work();
  await new Promise((resolve) => setTimeout(resolve, 10));
  histogram.disable();
  return { ms: round(now() - started - 20), maxLoopDelayMs: round(histogram.max / 1e6) };
}

const sandbox = vm.createContext({ pattern: "", flags: "", input: "" });
const script = new vm.Script("new RegExp(pattern, flags).test(input)");
function vmInThread(job: { pattern: string; flags: string; input: string }): void {
  Object.assign(sandbox, job);
  try {
    script.runInContext(sandbox, { timeout: 50 });
  } catch {
    // a timeout: the former runner reported it and went on with the next pattern
  }
}

async function workerStartMs(samples: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = now();
    const worker = new Worker("require('node:worker_threads').parentPort.postMessage(1)", {
      eval: true,
      execArgv: [],
    });
    await new Promise((resolve) => worker.once("message", resolve));
    times.push(round(now() - started));
    await worker.terminate();
  }
  return times;
}

const pool = createRegexPool({ size: 2 });
const roomy = () => createRegexBudget({ ms: 10_000 });
await pool.run([ORDINARY[0] as (typeof ORDINARY)[number]], roomy()); // workers started

const poolRoundTrip = async (jobs: typeof ORDINARY, iterations: number) => {
  for (let i = 0; i < 20; i++) await pool.run(jobs, roomy());
  const started = now();
  for (let i = 0; i < iterations; i++) await pool.run(jobs, roomy());
  return round(((now() - started) / iterations) * 1000);
};
const fifty = Array.from(
  { length: 50 },
  (_, i) => ORDINARY[i % ORDINARY.length] as (typeof ORDINARY)[number],
);

const result = {
  machine: { node: process.version, cpus: (await import("node:os")).availableParallelism() },
  ordinaryPerCallUs: {
    inThread:
      perCallUs(() => {
        for (const j of ORDINARY) new RegExp(j.pattern, j.flags).test(j.input);
      }, 20_000) / ORDINARY.length,
    vmInThread:
      perCallUs(() => {
        for (const j of ORDINARY) vmInThread(j);
      }, 500) / ORDINARY.length,
    poolBatchOf1: await poolRoundTrip(ORDINARY.slice(0, 1), 500),
    poolBatchOf50PerRequest: await poolRoundTrip(fifty, 200),
  },
  attack50Patterns: {
    vmInThread: await withLoopDelay(() => {
      for (const job of ATTACK) vmInThread(job);
    }),
    pool250msBudget: await withLoopDelay(() => pool.run(ATTACK, createRegexBudget({ ms: 250 }))),
    poolTerminations: pool.terminations(),
  },
  workerStartMs: await workerStartMs(5),
};
await pool.close();
console.log(JSON.stringify(result, null, 2));
