import type { RegexExecutor, RegexJob } from "@/server/templates/regex/precomputed-regex";
import type { RegexOutcome } from "@/server/templates/regex/regex-runner";

/**
 * The editor preview's pattern runner: a Web Worker, so a catastrophic pattern can freeze
 * nothing but the worker, which is terminated after PREVIEW_REGEX_TIMEOUT_MS and replaced.
 * The main thread stays responsive while the author types. The worker is a Blob of a few
 * lines of plain JavaScript (the Content-Security-Policy must allow `worker-src blob:`); if
 * it cannot start, patterns are reported as not checked rather than run on the page.
 */
export const PREVIEW_REGEX_TIMEOUT_MS = 300;

export const PREVIEW_WORKER_SOURCE = `
self.onmessage = (event) => {
  const { id, jobs } = event.data;
  jobs.forEach((job, index) => {
    let outcome;
    try {
      outcome = { ok: true, matched: new RegExp(job.pattern, job.flags).test(job.input) };
    } catch (error) {
      outcome = { ok: false, reason: "invalid", message: String((error && error.message) || error) };
    }
    // One message per job: when the worker is stopped, the finished answers are kept and
    // the stuck pattern is the first one without an answer.
    self.postMessage({ id, index, outcome });
  });
  self.postMessage({ id, done: true });
};
`;

/** The part of the DOM Worker the executor uses; tests pass a stand-in. */
export interface WorkerLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

export function createBlobWorker(): WorkerLike {
  const url = URL.createObjectURL(new Blob([PREVIEW_WORKER_SOURCE], { type: "text/javascript" }));
  let worker: Worker;
  try {
    worker = new Worker(url);
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
  const like: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (message) => worker.postMessage(message),
    terminate: () => {
      worker.terminate();
      URL.revokeObjectURL(url);
    },
  };
  worker.onmessage = (event) => like.onmessage?.(event);
  worker.onerror = (event) => like.onerror?.(event);
  return like;
}

export interface PreviewRegexExecutor {
  execute: RegexExecutor;
  dispose(): void;
}

type Pending = {
  id: number;
  jobs: readonly RegexJob[];
  outcomes: (RegexOutcome | undefined)[];
  resolve: (o: RegexOutcome[]) => void;
};

type WorkerMessage =
  | { id: number; index: number; outcome: RegexOutcome }
  | { id: number; done: true };

const NOT_CHECKED: RegexOutcome = {
  ok: false,
  reason: "skipped",
  message: "It was not checked: a pattern before it took too long.",
};

/** Finished answers kept; the first job without one gets `outcome`, the rest are skipped. */
const fill = (pending: Pending, outcome: RegexOutcome): RegexOutcome[] => {
  let used = false;
  return pending.jobs.map((_, index) => {
    const answered = pending.outcomes[index];
    if (answered) return answered;
    if (used) return NOT_CHECKED;
    used = true;
    return outcome;
  });
};

/**
 * One batch at a time: a new batch (the author typed again) terminates a worker still busy
 * with the previous one, whose answer nobody wants any more.
 */
export function createPreviewRegexExecutor(
  options: { timeoutMs?: number; createWorker?: () => WorkerLike } = {},
): PreviewRegexExecutor {
  const timeoutMs = options.timeoutMs ?? PREVIEW_REGEX_TIMEOUT_MS;
  const createWorker = options.createWorker ?? createBlobWorker;
  let worker: WorkerLike | null = null;
  let pending: Pending | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;

  const settle = (outcome: RegexOutcome) => {
    clearTimeout(timer);
    const current = pending;
    pending = null;
    current?.resolve(fill(current, outcome));
  };

  const kill = () => {
    worker?.terminate();
    worker = null;
  };

  const stop = (outcome: RegexOutcome) => {
    kill();
    settle(outcome);
  };

  const start = (): WorkerLike | null => {
    if (worker) return worker;
    try {
      const created = createWorker();
      created.onmessage = (event) => {
        const data = event.data as WorkerMessage;
        if (!pending || data.id !== pending.id) return;
        if ("done" in data) settle(NOT_CHECKED);
        else pending.outcomes[data.index] = data.outcome;
      };
      created.onerror = () =>
        stop({ ok: false, reason: "skipped", message: "The preview's pattern checker stopped." });
      worker = created;
      return created;
    } catch {
      return null;
    }
  };

  return {
    execute: (jobs) =>
      new Promise((resolve) => {
        if (pending) {
          stop({ ok: false, reason: "skipped", message: "Replaced by a newer preview." });
        }
        const running = start();
        if (!running) {
          resolve(
            jobs.map(() => ({
              ok: false,
              reason: "skipped",
              message:
                "The preview cannot check patterns in this browser; they are checked when the template is rendered.",
            })),
          );
          return;
        }
        const id = nextId++;
        pending = { id, jobs, outcomes: [], resolve };
        timer = setTimeout(
          () =>
            stop({
              ok: false,
              reason: "timeout",
              message: `Checking it took longer than ${timeoutMs} ms, so it was stopped; simplify the pattern.`,
            }),
          timeoutMs,
        );
        running.postMessage({ id, jobs });
      }),
    dispose: () => {
      stop({ ok: false, reason: "skipped", message: "The preview was closed." });
    },
  };
}
