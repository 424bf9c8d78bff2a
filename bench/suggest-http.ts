/**
 * suggestions.forMessage over HTTP under load, on PostgreSQL:
 *   DATABASE_URL=postgres://... npx tsx bench/suggest-http.ts [--connections 50] [--duration 20] [--warmup 5] [--port 3225]
 * Creates a scratch workspace with one template per BANKING77 label, trains the model on the
 * 10-shot file (`--train train.csv`: the full file, whose model adds the neighbour vote and
 * costs more per message) in-process and deploys it (the deployed row, as the training job does), builds the
 * app if there is no build, starts `server.mjs`, signs in as the workspace's owner and lets
 * autocannon's clients ask for suggestions for test-file messages for `duration` seconds while
 * /api/health is probed four times a second (bench/http-load.ts): closed loop first, then one
 * open-loop run per `--rates` entry (requests per second at even intervals, e.g. `--rates 40,60`). `--processes N` starts the
 * server with WEB_PROCESSES=N. Before the measured runs the same closed loop runs `--warmup`
 * seconds (JIT compilation of both threads' hot code, the heap growing to its working size);
 * its figures are printed too, as `warmup`, so a cold start is not hidden (`--warmup 0`: the
 * closed loop starts cold). Prints one JSON object; deletes the workspace.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { measureLoad } from "./http-load";
import { percentile, signIn, startServer, stopServer } from "./http-session";
import { setUpSuggestWorkspace } from "./suggest-workspace";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "20" },
    /** Seconds of unmeasured closed loop before the measured runs (reported as `warmup`). */
    warmup: { type: "string", default: "5" },
    port: { type: "string", default: "3225" },
    /** WEB_PROCESSES for the server (node:cluster); default: the environment's, else 1. */
    processes: { type: "string", default: process.env.WEB_PROCESSES ?? "1" },
    /** Open-loop runs after the closed-loop one: total requests per second, comma-separated. */
    rates: { type: "string", default: "" },
    data: { type: "string", default: "../shared/datasets/banking77" },
    /** The training file in `data`: the 10-shot model is the lighter one (no neighbour vote). */
    train: { type: "string", default: "train_10shot.csv" },
  },
});
const BUDGET_P95_MS = 50;
const processes = Number(values.processes);
const rates = values.rates.split(",").filter(Boolean).map(Number);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("bench/suggest-http.ts measures PostgreSQL: set DATABASE_URL");
  process.exit(1);
}

const workspace = await setUpSuggestWorkspace({
  data: values.data,
  train: values.train,
  name: "Suggest HTTP bench",
});
const { email, password, paths } = workspace;
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  if (!existsSync(".next/BUILD_ID")) execFileSync("npx", ["next", "build"], { stdio: "inherit" });
  const port = Number(values.port);
  const base = `http://127.0.0.1:${port}`;
  server = await startServer(port, {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-0123456789abcdef",
    WEB_PROCESSES: String(processes),
  });
  const jar = await signIn(base, email, password);
  const headers = { cookie: jar.header(), "x-parley-workspace": workspace.slug };
  // Warm-up: loads the deployed model into the server's cache and checks the answer's shape.
  const warm = await fetch(`${base}${paths[0]}`, { headers });
  const body = (await warm.json()) as { result?: { data?: { json?: { model?: unknown } } } };
  if (warm.status !== 200 || !body.result?.data?.json?.model) {
    throw new Error(`warm-up answered ${warm.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }

  // One client first: what a single request costs, and the floor (workspace.get) beside it.
  const sequential = async (path: (i: number) => string) => {
    const samples: number[] = [];
    for (let i = 0; i < 100; i++) {
      const started = performance.now();
      const res = await fetch(`${base}${path(i)}`, { headers });
      await res.text();
      samples.push(performance.now() - started);
    }
    return samples.sort((a, b) => a - b);
  };
  const loadBefore = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  const single = await sequential((i) => paths[i % paths.length] ?? "");
  const floor = await sequential(() => "/api/trpc/workspace.get");

  const load = {
    base,
    headers,
    paths,
    connections: Number(values.connections),
    serverGroup: server.pid,
  };
  const duration = Number(values.duration);
  const warmupSeconds = Number(values.warmup);
  const warmup = warmupSeconds > 0 ? await measureLoad({ ...load, duration: warmupSeconds }) : null;
  const closedLoop = await measureLoad({ ...load, duration });
  const openLoop = [];
  for (const rate of rates) openLoop.push(await measureLoad({ ...load, duration, rate }));
  const withinBudget = openLoop.filter((r) => r.p95_ms <= BUDGET_P95_MS && r.errors === 0);
  console.log(
    JSON.stringify({
      benchmark: "suggestions.forMessage over HTTP",
      database: "postgres",
      web_processes: processes,
      train_file: values.train,
      train_rows: workspace.trainRows,
      connections: Number(values.connections),
      duration_s: duration,
      warmup_s: warmupSeconds,
      budget_p95_ms: BUDGET_P95_MS,
      loadavg_1m_before: loadBefore,
      single_client_p50_ms: percentile(single, 50),
      single_client_p95_ms: percentile(single, 95),
      floor_workspace_get_p50_ms: percentile(floor, 50),
      floor_workspace_get_p95_ms: percentile(floor, 95),
      warmup,
      closed_loop: closedLoop,
      open_loop: openLoop,
      // Not the closed-loop figure: the highest fixed total rate tried whose p95 kept the budget.
      open_loop_max_rate_within_budget: Math.max(0, ...withinBudget.map((r) => r.target_rate ?? 0)),
    }),
  );
} finally {
  if (server) await stopServer(server);
  await workspace.teardown();
}
