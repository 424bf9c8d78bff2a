import { Agent, request } from "node:http";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import { cpuPerRequest, cpuSnapshot } from "./cpu-accounting";
import { percentile } from "./http-session";

export type LoadFigures = {
  /** Open loop: requests per second sent at even intervals; null for closed loop. */
  target_rate: number | null;
  requests: number;
  requests_per_s: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  errors: number;
  health_probes: number;
  health_p50_ms: number;
  health_p95_ms: number;
  health_max_ms: number;
  /** 1-minute load average when the run ended (other helpers share the machine). */
  loadavg_1m: number;
  /** CPU per request of the web server, PostgreSQL and this load generator (bench/cpu-accounting.ts). */
  cpu?: ReturnType<typeof cpuPerRequest>;
};

type LoadOptions = {
  base: string;
  headers: Record<string, string>;
  paths: string[];
  connections: number;
  duration: number;
  rate?: number;
  /** The web server's process group, for its CPU time (bench/cpu-accounting.ts). */
  serverGroup?: number;
};

type Run = { latencies: number[]; requests: number; errors: number; seconds: number };

/**
 * One load run while /api/health is probed four times a second.
 * - Closed loop (no `rate`, autocannon): `connections` clients, each sending its next request
 *   when the previous one is answered; once the server is saturated the latency is queueing.
 * - Open loop (`rate`): requests leave at even intervals (1/rate s) over at most
 *   `connections` keep-alive sockets, whatever the answers do, and each latency counts from
 *   the moment its request was due, so a request waiting for a free socket is charged for it.
 *   Not autocannon's `overallRate`: that sends each second's quota in a burst at the start of
 *   the second (and uses only `rate` connections below 50), which is a different load.
 */
export async function measureLoad(options: LoadOptions): Promise<LoadFigures> {
  const health: number[] = [];
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const started = performance.now();
      const res = await fetch(`${options.base}/api/health`);
      await res.text();
      health.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const cpuBefore = cpuSnapshot(options.serverGroup);
  const run = options.rate ? await pacedLoad(options, options.rate) : await closedLoad(options);
  const cpuAfter = cpuSnapshot(options.serverGroup);
  probing = false;
  await probe;
  const latencies = run.latencies.sort((a, b) => a - b);
  health.sort((a, b) => a - b);
  return {
    target_rate: options.rate ?? null,
    requests: run.requests,
    requests_per_s: Math.round((run.requests / run.seconds) * 100) / 100,
    p50_ms: percentile(latencies, 50),
    p95_ms: percentile(latencies, 95),
    p99_ms: percentile(latencies, 99),
    max_ms: percentile(latencies, 100),
    errors: run.errors,
    health_probes: health.length,
    health_p50_ms: percentile(health, 50),
    health_p95_ms: percentile(health, 95),
    health_max_ms: percentile(health, 100),
    loadavg_1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    ...(options.serverGroup === undefined
      ? {}
      : { cpu: cpuPerRequest(cpuBefore, cpuAfter, run.requests) }),
  };
}

async function closedLoad(options: LoadOptions): Promise<Run> {
  let next = 0;
  const latencies: number[] = [];
  const instance = autocannon({
    url: options.base,
    connections: options.connections,
    duration: options.duration,
    timeout: 10,
    headers: options.headers,
    requests: [
      {
        method: "GET",
        setupRequest: (r) => ({ ...r, path: options.paths[next++ % options.paths.length] }),
      },
    ],
  });
  instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  return {
    latencies,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    seconds: options.duration,
  };
}

async function pacedLoad(options: LoadOptions, rate: number): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const { hostname, port } = new URL(options.base);
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const interval = 1000 / rate;
  const total = Math.floor(options.duration * rate);
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const path = options.paths[i % options.paths.length] ?? "/";
    inFlight.push(
      new Promise<void>((resolve) => {
        const req = request(
          { agent, hostname, port, path, headers: options.headers, timeout: 10_000 },
          (res) => {
            res.resume();
            res.on("end", () => {
              latencies.push(performance.now() - due);
              if ((res.statusCode ?? 0) >= 300) errors++;
              resolve();
            });
          },
        );
        req.on("error", () => {
          errors++;
          resolve();
        });
        req.end();
      }),
    );
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return { latencies, requests: total, errors, seconds };
}
