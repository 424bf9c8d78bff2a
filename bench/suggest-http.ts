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
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import superjson from "superjson";
import { createWorkspaceCommand } from "@/cli/workspace-commands";
import { closeDatabase, getDatabase } from "@/db";
import { users, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { storedDraft } from "@/server/templates/store/rows";
import { insertTemplates } from "@/server/templates/store/write-template";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { readLabelledCsv } from "@/server/training/service/labelled-csv";
import { deployVersion } from "@/server/training/versions/deployed";
import { versionFromModel } from "@/server/training/versions/from-model";
import { createModelVersion } from "@/server/training/versions/store";
import { measureLoad } from "./http-load";
import { percentile, signIn, startServer, stopServer } from "./http-session";

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

const train = readLabelledCsv(
  readFileSync(`${values.data}/${values.train}`, "utf8"),
  "text",
  "category",
);
const test = readLabelledCsv(readFileSync(`${values.data}/test.csv`, "utf8"), "text", "category");
const labels = [...new Set(train.map((r) => r.label))].sort();
const password = "bench suggest password 1";
const email = `bench-suggest-${crypto.randomUUID().slice(0, 8)}@example.test`;

const { db } = await getDatabase();
const created = await createWorkspaceCommand({
  name: "Suggest HTTP bench",
  ownerEmail: email,
  password,
});
const ws = created.workspace;
const teardown = async () => {
  const { db: again } = await getDatabase();
  await again.delete(workspaces).where(eq(workspaces.id, ws.id));
  await again.delete(users).where(eq(users.id, created.owner.id));
  await closeDatabase();
};
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  const ids = await withTenant(db, ws.id, (tx) =>
    insertTemplates(tx, {
      workspaceId: ws.id,
      userId: created.owner.id,
      summary: () => "bench",
      drafts: labels.map((label) =>
        storedDraft({
          name: label.replace(/_/g, " "),
          content: `Hi {customer.first_name|there}, about ${label.replace(/_/g, " ")}: here is what to do.`,
          status: "active",
          category: null,
          tags: [],
          language: "en",
          variables: [],
          triggers: [],
        }),
      ),
    }),
  );
  const templateOf = new Map(labels.map((l, i) => [l, ids[i] ?? ""]));
  const model = trainModel(
    train.map((r) => ({ text: r.text, label: templateOf.get(r.label) ?? "" })),
    DEFAULT_TRAINING,
  );
  const row = versionFromModel(model, { exampleCount: train.length });
  await runInWorkspace(db, await systemAccess(db, ws.id), async (scope) => {
    const version = await createModelVersion(scope.tx, ws.id, row);
    await deployVersion(scope, version.id);
  });
  await closeDatabase();

  if (!existsSync(".next/BUILD_ID")) execFileSync("npx", ["next", "build"], { stdio: "inherit" });
  const port = Number(values.port);
  const base = `http://127.0.0.1:${port}`;
  server = await startServer(port, {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-0123456789abcdef",
    WEB_PROCESSES: String(processes),
  });
  const jar = await signIn(base, email, password);
  const headers = { cookie: jar.header(), "x-parley-workspace": ws.slug };
  const paths = test
    .slice(0, 500)
    .map(
      (r) =>
        `/api/trpc/suggestions.forMessage?input=${encodeURIComponent(superjson.stringify({ message: r.text, limit: 3 }))}`,
    );
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
      train_rows: train.length,
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
  await teardown();
}
