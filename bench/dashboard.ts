/**
 * p50/p95 server time of the signed-in dashboard page (/w/acme) on PostgreSQL.
 *   DATABASE_URL=postgres://... npm run bench:dashboard [-- --requests 300]
 * Migrates and seeds the demo workspace, builds the app if there is no build, starts
 * the server (`server.mjs`, as `npm start`), signs in as the demo owner and fetches the page sequentially over loopback
 * (time to the last byte of the server-rendered HTML). Prints one JSON object.
 */

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { closeDatabase, getDatabase } from "@/db";
import { DEMO, seedDemo } from "@/db/seed";
import { percentile, signIn, startServer, stopServer } from "./http-session";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "300" },
    warmup: { type: "string", default: "30" },
    port: { type: "string", default: "3290" },
  },
});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("bench:dashboard measures PostgreSQL: set DATABASE_URL");
  process.exit(1);
}

const { db } = await getDatabase();
await seedDemo(db);
await closeDatabase();
if (!existsSync(".next/BUILD_ID")) execFileSync("npx", ["next", "build"], { stdio: "inherit" });

const port = Number(values.port);
const baseUrl = `http://127.0.0.1:${port}`;
const server = await startServer(port, {
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-0123456789abcdef",
});
try {
  const jar = await signIn(baseUrl, DEMO.owner.email, DEMO.owner.password);
  const url = `${baseUrl}/w/${DEMO.workspace.slug}`;
  const fetchPage = async () => {
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie: jar.header() } });
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200 || !body.includes(DEMO.workspace.name))
      throw new Error(`dashboard answered ${res.status}`);
    return ms;
  };
  for (let i = 0; i < Number(values.warmup); i++) await fetchPage();
  const samples: number[] = [];
  for (let i = 0; i < Number(values.requests); i++) samples.push(await fetchPage());
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((s, v) => s + v, 0) / samples.length;
  console.log(
    JSON.stringify({
      benchmark: "dashboard",
      page: `/w/${DEMO.workspace.slug}`,
      database: "postgres",
      requests: samples.length,
      p50_ms: percentile(samples, 50),
      p95_ms: percentile(samples, 95),
      max_ms: percentile(samples, 100),
      mean_ms: Math.round(mean * 100) / 100,
      budget_p95_ms: 150,
    }),
  );
} finally {
  await stopServer(server);
}
