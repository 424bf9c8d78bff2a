/**
 * Worker threads whose entry is a TypeScript source of the project (the training fit, the
 * conversation analysis). Shared by server/training/model/train-in-worker.ts and
 * server/analysis/service/compute-in-worker.ts; the model README ("The worker thread and
 * bundling") has the measurements behind it.
 *
 * Why a path computed at run time, not `new URL("./x.ts", import.meta.url)`: inside a Next.js
 * server bundle import.meta.url points into .next/, where no worker file exists, and Node cannot
 * run .ts by itself. So the entry is the source in the project folder (resolved from
 * process.cwd(), the project root for `next start`, tsx scripts and vitest), loaded by a tiny
 * eval'd bootstrap that registers tsx's ESM loader first (tsx is a production dependency).
 * `execArgv: ["--import", "tsx"]` does NOT work on Node 20 (ERR_UNKNOWN_FILE_EXTENSION). An
 * eval'd worker is plain code, so the bundler has no path to trace or rewrite. A .js/.mjs entry
 * (a bundle named by an env override) runs without tsx.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** `override` (an env value, relative to root) or root/…relative; throws when it is missing. */
export function resolveWorkerEntry(
  root: string,
  relative: readonly string[],
  override: { name: string; value: string | undefined },
): string {
  const entry = override.value
    ? path.resolve(/* turbopackIgnore: true */ root, override.value)
    : path.join(/* turbopackIgnore: true */ root, ...relative);
  if (!existsSync(/* turbopackIgnore: true */ entry)) {
    throw new Error(
      `worker not found at ${entry} (set ${override.name} or run from the project root)`,
    );
  }
  return entry;
}

/** Registers tsx in the worker, then imports the entry; a failure surfaces as the worker's error. */
function bootstrap(entry: string): string {
  const url = pathToFileURL(entry).href;
  return `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
}

/** Starts `entry` (.ts through the tsx bootstrap, else as is) with `workerData`. */
export function startWorker(entry: string, workerData: unknown): Worker {
  return entry.endsWith(".ts")
    ? new Worker(bootstrap(entry), { eval: true, workerData })
    : new Worker(entry, { workerData });
}

export interface RunWorkerOptions<M, R> {
  signal?: AbortSignal;
  /** The rejection of an aborted run (default: the signal's reason, or an Error). */
  cancelled?: (signal: AbortSignal) => Error;
  /** Each message: return `{ result }` to finish, `{ error }` to fail, nothing to go on. */
  onMessage: (message: M) => { result: R } | { error: Error } | undefined;
  /** Names the work in "… worker exited with code N before finishing". */
  what: string;
  /** Called once the worker is started (e.g. to stream it input in pieces). */
  started?: (worker: Worker) => void;
}

const abortReason = (signal: AbortSignal) =>
  signal.reason instanceof Error ? signal.reason : new Error("cancelled");

/**
 * Runs a worker to its one answer. Aborting the signal terminates the worker at once; a worker
 * that throws or exits without answering rejects with why.
 */
export function runWorker<M, R>(
  entry: string,
  workerData: unknown,
  options: RunWorkerOptions<M, R>,
): Promise<R> {
  const cancelled = options.cancelled ?? abortReason;
  return new Promise<R>((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) return reject(cancelled(signal));
    const worker = startWorker(entry, workerData);
    let open = true;
    const finish = (outcome: { result: R } | { error: Error }) => {
      if (!open) return;
      open = false;
      signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      if ("error" in outcome) reject(outcome.error);
      else resolve(outcome.result);
    };
    const onAbort = () => finish({ error: cancelled(signal as AbortSignal) });
    signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", (message: M) => {
      const outcome = options.onMessage(message);
      if (outcome) finish(outcome);
    });
    worker.on("error", (error) => finish({ error }));
    options.started?.(worker);
    worker.on("exit", (code) =>
      finish({
        error: new Error(`${options.what} worker exited with code ${code} before finishing`),
      }),
    );
  });
}
