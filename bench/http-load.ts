import { loadavg } from "node:os";
import autocannon from "autocannon";
import { percentile } from "./http-session";

export type LoadFigures = {
  /** Open loop: the total rate asked for (autocannon overallRate); null for closed loop. */
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
};

/**
 * One load run: `connections` clients asking for `paths` in turn for `duration` s, while
 * /api/health is probed four times a second. Closed loop without `rate` (each client sends
 * its next request when the previous one is answered, so latency is mostly queueing once the
 * server is saturated); with `rate`, all clients together send at most `rate` requests a second
 * (open loop while the server keeps up; a client still waits for its previous answer).
 */
export async function measureLoad(options: {
  base: string;
  headers: Record<string, string>;
  paths: string[];
  connections: number;
  duration: number;
  rate?: number;
}): Promise<LoadFigures> {
  const { base, paths } = options;
  let next = 0;
  const latencies: number[] = [];
  const health: number[] = [];
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const started = performance.now();
      const res = await fetch(`${base}/api/health`);
      await res.text();
      health.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const instance = autocannon({
    url: base,
    connections: options.connections,
    duration: options.duration,
    timeout: 10,
    headers: options.headers,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: "GET",
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }),
      },
    ],
  });
  instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  probing = false;
  await probe;
  latencies.sort((a, b) => a - b);
  health.sort((a, b) => a - b);
  return {
    target_rate: options.rate ?? null,
    requests: result.requests.total,
    requests_per_s: result.requests.average,
    p50_ms: percentile(latencies, 50),
    p95_ms: percentile(latencies, 95),
    p99_ms: percentile(latencies, 99),
    max_ms: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx,
    health_probes: health.length,
    health_p50_ms: percentile(health, 50),
    health_p95_ms: percentile(health, 95),
    health_max_ms: percentile(health, 100),
    loadavg_1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
