import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { RegexExecutor, RegexJob } from "./precomputed-regex";
import type { RegexBudget } from "./regex-budget";
import { describeRegexError, type RegexOutcome } from "./regex-runner";

/**
 * User patterns never run on the event loop: they run in a small pool of worker threads with
 * V8's own engine, so every JavaScript feature authors rely on keeps working (lookarounds,
 * backreferences, flags i m s u). Inside the worker a whole batch runs in one
 * `vm.Script#runInContext` whose timeout is what is left of the request's budget: V8
 * interrupts the regexp engine mid-backtrack and the worker lives on, so an attack costs no
 * respawn. Should a worker still not answer (or crash), the pool terminates and replaces it.
 * The request gets `timeout` for the job that was running and `skipped` for the rest.
 * Measured against in-thread vm, a terminate-only pool and RE2 ports in bench/regex.ts.
 *
 * The worker is plain JavaScript evaluated from a string, so no bundler has to emit a
 * separate entry for it. Node-only: the browser has components/templates/preview-regex-worker.ts.
 */
const WORKER_SOURCE = `
const vm = require("node:vm");
const { parentPort } = require("node:worker_threads");
// Lowest CPU priority for this thread only (Linux: /proc/thread-self names its thread id),
// so a pattern running for its whole budget never takes the CPU from the event loop.
try {
  const tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
  if (tid > 0) require("node:os").setPriority(tid, 19);
} catch {}
const sandbox = vm.createContext({ jobs: [], outcomes: [] });
const script = new vm.Script(\`
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i];
    try {
      outcomes.push({ ok: true, matched: new RegExp(job.pattern, job.flags).test(job.input) });
    } catch (error) {
      outcomes.push({ ok: false, reason: "invalid", message: String((error && error.message) || error) });
    }
  }\`);
parentPort.on("message", (batch) => {
  sandbox.jobs = batch.jobs;
  sandbox.outcomes = [];
  let timedOut = false;
  const started = performance.now();
  try {
    script.runInContext(sandbox, { timeout: Math.max(1, Math.floor(batch.timeoutMs)) });
  } catch (error) {
    if (!error || error.code !== "ERR_SCRIPT_EXECUTION_TIMEOUT") throw error;
    timedOut = true;
  }
  const ranMs = performance.now() - started;
  parentPort.postMessage({ outcomes: sandbox.outcomes, timedOut, ranMs });
  sandbox.jobs = [];
  sandbox.outcomes = [];
});
`;

/** How long past the budget a worker may take to answer before it is terminated. */
const GRACE_MS = 100;
/** Extra allowance while a new worker is still starting (≈ 30 ms idle, 250 ms on a loaded box). */
const BOOT_ALLOWANCE_MS = 2_000;

type Batch = {
  jobs: readonly RegexJob[];
  outcomes: (RegexOutcome | undefined)[];
  budget: RegexBudget;
  /** When the batch was handed to a worker (queueing and a new worker's start-up excluded). */
  dispatched?: number;
  timer?: ReturnType<typeof setTimeout>;
  resolve: (outcomes: RegexOutcome[]) => void;
};

type Slot = { worker: Worker; batch: Batch | null; retired: boolean; online: boolean };

type WorkerMessage = { outcomes: RegexOutcome[]; timedOut: boolean; ranMs: number };

export interface RegexPool {
  /** Runs the jobs in order on one worker; resolves one outcome per job, never rejects. */
  run(jobs: readonly RegexJob[], budget: RegexBudget): Promise<RegexOutcome[]>;
  /** Workers terminated because a batch outlived its budget (or crashed). */
  terminations(): number;
  close(): Promise<void>;
}

const stoppedMessage = (budget: RegexBudget) =>
  `Checking it took longer than this request allows (${budget.ms} ms for all patterns together), so it was stopped.`;
const skippedMessage = (budget: RegexBudget) =>
  `It was not checked: earlier patterns used up the ${budget.ms} ms this request allows for patterns.`;

export function createRegexPool({
  size,
  source = WORKER_SOURCE,
}: {
  size: number;
  /** Tests replace the worker (one that never answers) to prove the terminate backstop. */
  source?: string;
}): RegexPool {
  const slots: Slot[] = [];
  const queue: Batch[] = [];
  let terminations = 0;
  let closed = false;

  /** `spentMs`: what the batch cost its budget; see `run` for what counts. */
  const finish = (batch: Batch, running: boolean, spentMs = 0) => {
    clearTimeout(batch.timer);
    let stoppedOne = !running;
    const outcomes = batch.jobs.map((_, index): RegexOutcome => {
      const outcome = batch.outcomes[index];
      if (outcome) return outcome;
      if (!stoppedOne) {
        stoppedOne = true;
        return { ok: false, reason: "timeout", message: stoppedMessage(batch.budget) };
      }
      return { ok: false, reason: "skipped", message: skippedMessage(batch.budget) };
    });
    batch.budget.spend(spentMs);
    batch.resolve(outcomes);
  };

  const replace = (slot: Slot) => {
    slot.retired = true;
    void slot.worker.terminate();
    terminations += 1;
    const index = slots.indexOf(slot);
    if (index !== -1 && !closed) slots[index] = spawn();
  };

  const overrun = (slot: Slot) => {
    const batch = slot.batch;
    slot.batch = null;
    replace(slot);
    if (batch) finish(batch, true, performance.now() - (batch.dispatched ?? performance.now()));
    pump();
  };

  const onMessage = (slot: Slot, message: WorkerMessage) => {
    const batch = slot.batch;
    if (!batch || slot.retired) return;
    slot.batch = null;
    message.outcomes.forEach((outcome, index) => {
      batch.outcomes[index] = outcome.ok
        ? outcome
        : { ...outcome, message: describeRegexError({ message: outcome.message }) };
    });
    // Stopped at the budget: all of it is used, whatever the clock's rounding says.
    finish(batch, message.timedOut, message.timedOut ? batch.budget.ms : message.ranMs);
    pump();
  };

  function spawn(): Slot {
    // Small heaps: a pattern has no business allocating more, and a runaway dies alone.
    const worker = new Worker(source, {
      eval: true,
      execArgv: [], // plain JavaScript: no loader hooks (tsx, vitest) inherited from the parent
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
    });
    worker.unref(); // never keeps a CLI or a test process alive
    const slot: Slot = { worker, batch: null, retired: false, online: false };
    worker.once("online", () => {
      slot.online = true;
    });
    worker.on("message", (message: WorkerMessage) => onMessage(slot, message));
    // A crash (out of memory) is handled like an overrun: its batch is stopped, a new worker
    // takes its place.
    worker.on("error", () => {
      if (!slot.retired) overrun(slot);
    });
    worker.on("exit", () => {
      if (!slot.retired && !closed) overrun(slot);
    });
    return slot;
  }

  const dispatch = (slot: Slot, batch: Batch) => {
    clearTimeout(batch.timer);
    const left = batch.budget.remaining();
    if (left <= 0) {
      finish(batch, false);
      return;
    }
    slot.batch = batch;
    batch.dispatched = performance.now();
    const backstop = left + GRACE_MS + (slot.online ? 0 : BOOT_ALLOWANCE_MS);
    batch.timer = setTimeout(() => overrun(slot), backstop);
    slot.worker.postMessage({ jobs: batch.jobs, timeoutMs: left });
  };

  function pump() {
    for (const slot of slots) {
      if (slot.batch || slot.retired) continue;
      const batch = queue.shift();
      if (!batch) return;
      dispatch(slot, batch);
    }
  }

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    run: (jobs, budget) =>
      new Promise((resolve) => {
        const batch: Batch = { jobs, outcomes: [], budget, resolve };
        if (jobs.length === 0) return resolve([]);
        if (closed || budget.remaining() <= 0) return finish(batch, false);
        const free = slots.find((slot) => !slot.batch && !slot.retired);
        if (free) return dispatch(free, batch);
        queue.push(batch);
        // The budget is charged with the time patterns ran in a worker (measured there, so a
        // new worker's start-up is not charged). Waiting in the queue is not charged, but is
        // bounded by the same amount: a request queued behind an attack gives up in time
        // instead of piling up.
        batch.timer = setTimeout(() => {
          const at = queue.indexOf(batch);
          if (at !== -1) queue.splice(at, 1);
          finish(batch, false);
        }, budget.remaining());
      }),
    terminations: () => terminations,
    close: async () => {
      closed = true;
      for (const batch of queue.splice(0)) finish(batch, false);
      await Promise.all(
        slots.map((slot) => {
          slot.retired = true;
          if (slot.batch) finish(slot.batch, true);
          return slot.worker.terminate();
        }),
      );
    },
  };
}

/**
 * One core is left to the event loop: a pattern that runs for its whole budget keeps its
 * worker's core busy (the workers also run at the lowest CPU priority). At most two, since
 * each request's patterns run on one worker anyway.
 */
export const REGEX_POOL_SIZE = Math.max(1, Math.min(2, availableParallelism() - 1));

const POOL_KEY = Symbol.for("parley.regexPool");
type WithPool = typeof globalThis & { [POOL_KEY]?: RegexPool };

/** The process's pool, created on first use (one per process, like the database). */
export function getRegexPool(): RegexPool {
  const holder = globalThis as WithPool;
  holder[POOL_KEY] ??= createRegexPool({ size: REGEX_POOL_SIZE });
  return holder[POOL_KEY];
}

/** The executor server code passes to withPrecomputedRegex: the shared pool, this budget. */
export function regexExecutor(budget: RegexBudget): RegexExecutor {
  return (jobs) => getRegexPool().run(jobs, budget);
}
