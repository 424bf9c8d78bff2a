import type { Cluster, Worker } from "node:cluster";
import { getEnv } from "../env";
import { log } from "../logger";

/**
 * The primary of `WEB_PROCESSES=N npm start`: it serves nothing itself (node:cluster hands each
 * new connection to a web process in turn). The first process starts alone, so migrations are
 * applied once and only it works jobs; the others are forked once it listens, with
 * JOBS_WORKER=off. A process that dies after it had started is replaced; one that dies before
 * listening stops everything (a broken configuration must not restart in a loop). SIGTERM and
 * SIGINT are passed on, and the primary exits when the last process has.
 */
export function superviseWebProcesses(cluster: Cluster, front: { processes: number }): void {
  const env = getEnv();
  const jobsWorkerOf = new Map<Worker, boolean>();
  const listened = new Set<Worker>();
  let stopping = false;

  const fork = (worksJobs: boolean): Worker => {
    const worker = cluster.fork(worksJobs ? {} : { JOBS_WORKER: "off" });
    jobsWorkerOf.set(worker, worksJobs);
    worker.once("listening", () => listened.add(worker));
    return worker;
  };

  const first = fork(true);
  first.once("listening", () => {
    for (let i = 1; i < front.processes; i++) fork(false);
  });

  cluster.on("exit", (worker, code, signal) => {
    const worksJobs = jobsWorkerOf.get(worker) ?? false;
    const started = listened.has(worker);
    jobsWorkerOf.delete(worker);
    listened.delete(worker);
    if (stopping) {
      if (jobsWorkerOf.size === 0) process.exit(0);
      return;
    }
    if (!started) {
      log.error("a web process exited before it started; stopping", { code, signal });
      process.exitCode = code || 1;
      stop("SIGTERM");
      return;
    }
    log.error("a web process exited; starting another", { code, signal, worksJobs });
    fork(worksJobs);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of jobsWorkerOf.keys()) worker.process.kill(signal);
    if (jobsWorkerOf.size === 0) process.exit(process.exitCode ?? 0);
    // Running jobs get WORKER_SHUTDOWN_SECONDS to finish (server/jobs/in-process.ts).
    setTimeout(
      () => {
        for (const worker of jobsWorkerOf.keys()) worker.process.kill("SIGKILL");
        process.exit(1);
      },
      (env.WORKER_SHUTDOWN_SECONDS + 5) * 1000,
    ).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
