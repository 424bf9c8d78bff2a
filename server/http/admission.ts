/**
 * Starts queued request handlers a batch per event-loop turn, first come first served, the batch
 * sized so that a turn lasts about `turnMs`.
 *
 * Why: a suggestion is CPU work once its inputs are kept in memory (≈ 2 ms here, none of it
 * waiting on I/O: its awaits are promise continuations, which run to the end before Node looks
 * at I/O again). Started as they arrived, one turn computed every request that had come in —
 * fifty of them, over 100 ms — and anything that waits on I/O paid a whole such turn per round
 * trip: under 50 clients /api/health's p50 rose from 32 to 540 ms and a suggestion that had to
 * read the database waited up to 1.9 s (bench/suggest-http.ts). One request per turn fixed that
 * but cost twice the CPU per request in every process (server, PostgreSQL, clients), each
 * response waking its reader on its own. A batch per turn keeps most of the batching and bounds
 * what an I/O callback waits for.
 *
 * The batch size follows the measured cost of a job: the last turn's length divided by the jobs
 * it started (a job's synchronous part and its promise continuations both run in that turn),
 * smoothed. Jobs that wait on I/O finish in later turns; they do not hold the queue.
 */
export function createAdmission(turnMs: number, maxBatch = 64): (job: () => void) => void {
  const queue: (() => void)[] = [];
  let scheduled = false;
  let msPerJob = turnMs; // until measured: one job per turn
  let lastTurn = { at: 0, jobs: 0 };
  const drain = () => {
    const now = performance.now();
    if (lastTurn.jobs > 0) {
      const measured = (now - lastTurn.at) / lastTurn.jobs;
      msPerJob = 0.7 * msPerJob + 0.3 * measured;
    }
    const batch = Math.max(1, Math.min(maxBatch, Math.floor(turnMs / Math.max(msPerJob, 0.01))));
    const jobs = queue.splice(0, batch);
    scheduled = queue.length > 0;
    // Measured only between back-to-back turns: after an idle spell the gap is not work.
    lastTurn = { at: now, jobs: scheduled ? jobs.length : 0 };
    if (scheduled) setImmediate(drain);
    for (const job of jobs) job();
  };
  return (job) => {
    queue.push(job);
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  };
}
