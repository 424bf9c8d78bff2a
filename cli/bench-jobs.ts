import { sql } from "drizzle-orm";
import { getDatabase } from "@/db";
import { readRows } from "@/db/migrate";
import { workspaces } from "@/db/schema";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { echoJob } from "@/server/jobs/definitions/diagnostics";
import { onEcho } from "@/server/jobs/diagnostics-handlers";
import { enqueueJob } from "@/server/jobs/enqueue";
import { startWorker } from "@/server/jobs/worker";

export type BenchJobsOptions = { jobs: number; rate: number; latencyJobs: number };

const SYSTEM = { type: "system", label: "system" } as const;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Two phases on a scratch workspace, through the real path (enqueue in a tenant transaction,
 * pg-boss fetch, job_runs and job_events bookkeeping, NOTIFY):
 * 1. throughput: `jobs` echo jobs enqueued first (100 per transaction), then one in-process
 *    worker drains them: jobs_per_s = jobs / drain time;
 * 2. pickup: `latencyJobs` jobs enqueued one per transaction at `rate` per second while the
 *    worker runs: enqueue → handler start, p50 and p95.
 */
export async function benchJobs(options: BenchJobsOptions) {
  const handle = await getDatabase();
  const { db } = handle;
  const tag = crypto.randomUUID().slice(0, 8);
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: `Jobs bench ${tag}`, slug: `bench-jobs-${tag}` })
    .returning({ id: workspaces.id });
  if (!workspace) throw new Error("could not create the scratch workspace");
  const access = await systemAccess(db, workspace.id);
  const payload = () => ({ workspaceId: workspace.id, actor: SYSTEM, enqueuedAt: Date.now() });
  const completed = async () =>
    Number(
      readRows<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from job_runs where workspace_id = ${workspace.id} and state = 'completed'`,
        ),
      )[0]?.n ?? 0,
    );
  try {
    for (let done = 0; done < options.jobs; done += 100) {
      const count = Math.min(100, options.jobs - done);
      await runInWorkspace(db, access, async (scope) => {
        for (let i = 0; i < count; i++) await enqueueJob(scope, echoJob, payload());
      });
    }
    const started = performance.now();
    const worker = await startWorker(handle, { mode: "in-process", definitions: [echoJob] });
    try {
      while ((await completed()) < options.jobs) await new Promise((r) => setTimeout(r, 50));
      const drainMs = performance.now() - started;

      const pickups: number[] = [];
      let failedEnqueues = 0;
      const stop = onEcho((ms) => pickups.push(ms));
      const interval = 1000 / options.rate;
      const phaseStart = performance.now();
      for (let i = 0; i < options.latencyJobs; i++) {
        const due = phaseStart + i * interval;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        runInWorkspace(db, access, (scope) => enqueueJob(scope, echoJob, payload())).catch(() => {
          failedEnqueues++;
        });
      }
      const total = () => options.jobs + options.latencyJobs - failedEnqueues;
      while ((await completed()) < total()) await new Promise((r) => setTimeout(r, 50));
      stop();
      const sorted = [...pickups].sort((a, b) => a - b);
      return {
        driver: handle.driver,
        jobs: options.jobs,
        jobs_per_s: Math.round((options.jobs / drainMs) * 1000),
        drain_ms: Math.round(drainMs),
        latency_jobs: options.latencyJobs,
        latency_rate_per_s: options.rate,
        pickup_p50_ms: Math.round(percentile(sorted, 50)),
        pickup_p95_ms: Math.round(percentile(sorted, 95)),
        pickup_max_ms: Math.round(sorted.at(-1) ?? 0),
        failed_enqueues: failedEnqueues,
      };
    } finally {
      await worker.stop({ timeoutMs: 5_000 });
    }
  } finally {
    await db.execute(
      sql`delete from pgboss.job where name = ${echoJob.name} and data->>'workspaceId' = ${workspace.id}`,
    );
    await db.execute(sql`delete from workspaces where id = ${workspace.id}`);
  }
}
