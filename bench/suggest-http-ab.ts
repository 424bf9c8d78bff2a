/**
 * Two versions of the server under the same load at the same time: this checkout's and another's
 * (`--other`, e.g. `git worktree add ../before <commit>` with node_modules linked and a build),
 * each started on its own port against the same workspace (suggest-workspace.ts), each loaded by
 * half of `--connections` closed-loop clients for `--duration` seconds, `--rounds` times.
 *   DATABASE_URL=postgres://... npx tsx bench/suggest-http-ab.ts --other ../before [--rounds 4]
 *
 * Why: this machine's speed drifts by 15 % or more within minutes (stop 45's note: the same code
 * took 0.57 and 0.76 ms of server CPU per call two minutes apart), so runs one after the other
 * cannot settle a change smaller than that. Loaded together, both servers meet the same drift
 * and compete for the same two cores on equal terms: the ratio of their throughputs is the
 * ratio of their costs per call, as seen under load. The absolute figures are not the budget's
 * (two servers share the cores); bench/suggest-http.ts measures that. Prints one JSON object:
 * each round's figures for `this` and `other`, the throughput ratios, their mean and its 95 %
 * interval (Student's t over the rounds).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { meanInterval, summarize } from "@/server/stats";
import { type LoadFigures, measureLoad } from "./http-load";
import { signIn, startServer, stopServer } from "./http-session";
import { setUpSuggestWorkspace } from "./suggest-workspace";

const { values } = parseArgs({
  options: {
    other: { type: "string" },
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "15" },
    warmup: { type: "string", default: "5" },
    rounds: { type: "string", default: "4" },
    port: { type: "string", default: "3227" },
    data: { type: "string", default: "../shared/datasets/banking77" },
    train: { type: "string", default: "train_10shot.csv" },
  },
});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl || !values.other) {
  console.error("bench/suggest-http-ab.ts: set DATABASE_URL (PostgreSQL) and --other <checkout>");
  process.exit(1);
}
const other = path.resolve(values.other);
for (const dir of [".", other]) {
  if (!existsSync(path.join(dir, "node_modules"))) {
    console.error(`${dir} has no node_modules`);
    process.exit(1);
  }
  if (!existsSync(path.join(dir, ".next/BUILD_ID"))) {
    execFileSync("npx", ["next", "build"], { stdio: "inherit", cwd: dir });
  }
}

const workspace = await setUpSuggestWorkspace({
  data: values.data,
  train: values.train,
  name: "Suggest HTTP A/B bench",
});
const env = {
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-0123456789abcdef",
  WEB_PROCESSES: "1",
};
const ports = { this: Number(values.port), other: Number(values.port) + 1 };
const servers: Awaited<ReturnType<typeof startServer>>[] = [];
try {
  // One at a time: the first applies migrations (none pending) and both load the model on the
  // first request.
  const thisServer = await startServer(ports.this, env);
  servers.push(thisServer);
  const otherServer = await startServer(ports.other, env, other);
  servers.push(otherServer);
  const loads = await Promise.all(
    (
      [
        [ports.this, thisServer],
        [ports.other, otherServer],
      ] as const
    ).map(async ([port, server]) => {
      const base = `http://127.0.0.1:${port}`;
      const jar = await signIn(base, workspace.email, workspace.password);
      const headers = { cookie: jar.header(), "x-parley-workspace": workspace.slug };
      const warm = await fetch(`${base}${workspace.paths[0]}`, { headers });
      if (warm.status !== 200) throw new Error(`${base} answered ${warm.status} to the warm-up`);
      await warm.text();
      return {
        base,
        headers,
        paths: workspace.paths,
        connections: Math.floor(Number(values.connections) / 2),
        serverGroup: server.pid,
      };
    }),
  );
  const [thisLoad, otherLoad] = loads as [(typeof loads)[0], (typeof loads)[0]];
  const together = (duration: number) =>
    Promise.all([measureLoad({ ...thisLoad, duration }), measureLoad({ ...otherLoad, duration })]);
  if (Number(values.warmup) > 0) await together(Number(values.warmup));
  const rounds: { this: LoadFigures; other: LoadFigures; ratio: number }[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    const [a, b] = await together(Number(values.duration));
    rounds.push({
      this: a,
      other: b,
      ratio: Math.round((a.requests_per_s / b.requests_per_s) * 1000) / 1000,
    });
  }
  const ratios = rounds.map((r) => r.ratio).sort((x, y) => x - y);
  // Rounds as independent samples of the ratio: Student's t interval of their mean.
  const interval = ratios.length > 1 ? meanInterval(summarize(ratios)) : null;
  const round3 = (x: number) => Math.round(x * 1000) / 1000;
  console.log(
    JSON.stringify({
      benchmark: "suggestions.forMessage over HTTP, two servers under the same load",
      this: process.cwd(),
      other,
      train_file: values.train,
      connections_each: thisLoad.connections,
      duration_s: Number(values.duration),
      rounds,
      requests_per_s_ratios: ratios,
      requests_per_s_ratio_mean: round3(ratios.reduce((sum, r) => sum + r, 0) / ratios.length),
      requests_per_s_ratio_ci95: interval ? [round3(interval.low), round3(interval.high)] : null,
    }),
  );
} finally {
  for (const server of servers) await stopServer(server);
  await workspace.teardown();
}
