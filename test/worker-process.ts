import { type ChildProcess, spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { waitFor } from "./jobs";

/**
 * `npm run worker` as a child process in its own process group (npm → tsx → node), so the
 * test can SIGKILL or SIGTERM the whole group like an orchestrator would.
 */
export async function spawnWorker(
  db: Database,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("spawnWorker needs DATABASE_URL (PostgreSQL)");
  const before = await heartbeatIds(db);
  let output = "";
  const child = spawn("npm", ["run", "-s", "worker"], {
    cwd: process.cwd(),
    detached: true,
    env: {
      ...process.env,
      DATABASE_URL: url,
      AUTH_SECRET: "test-secret-at-least-16-chars",
      JOBS_MAINTENANCE_SECONDS: "1",
      // Only the queue these tests use: other test files' jobs are theirs to run.
      JOBS_QUEUES: "diagnostics-steps",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // Started when a heartbeat row appears that was not there before.
  await waitFor(
    async () => {
      const now = await heartbeatIds(db);
      return now.some((id) => !before.includes(id));
    },
    { ms: 60_000, what: `worker to start\n${output}` },
  );
  return { child, output: () => output, exited };
}

async function heartbeatIds(db: Database): Promise<string[]> {
  // Standalone workers only: other test files' in-process workers write heartbeats too.
  return readRows<{ id: string }>(
    await db.execute(sql`select id from worker_heartbeats where mode = 'standalone'`),
  ).map((r) => r.id);
}

export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid) process.kill(-child.pid, signal);
}
