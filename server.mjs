/**
 * The production and development entry (`npm start`, `npm run dev`, `npm run demo`): Next.js
 * behind a plain node:http server, because only here is the TCP socket visible. Before any
 * request reaches Next.js, server/http/front-door.ts decides the client's address (the
 * socket's, or from forwarding headers only as TRUST_PROXY allows), drops forged forwarding
 * headers, sets the security headers with a fresh CSP nonce, and refuses declared bodies over
 * the largest limit.
 *
 *   node server.mjs [--dev] [-p 3000] [-H 0.0.0.0]
 *
 * `npm start` runs it with --max-semi-space-size=128 (V8's young generation; default 16 MB): a
 * request allocates short-lived objects (≈ 200–260 KB per suggestions call), and with the
 * default the scavenger ran so often that server CPU per suggestions call was 4.3–4.8 ms; with
 * 64 MB it was 3.4–3.6 ms (50 clients, bench/suggest-http.ts). With the later, cheaper calls 128
 * MB gave 10–14 % more suggestions/s than 64 in three interleaved pairs (1,533–1,573 vs
 * 1,310–1,472/s), for ≈ 57 MB more peak RSS under that load (775 vs 718 MB).
 *
 * WEB_PROCESSES=N (PostgreSQL only) forks N such servers with node:cluster, sharing the port
 * (workers inherit the node flags). On 2 cores one process did better (PostgreSQL needs the
 * other core): 2 processes served 158 suggestions calls/s against one's 190–200. The first one
 * starts alone (it applies migrations and, unless JOBS_WORKER=off, works jobs); the others
 * follow with JOBS_WORKER=off. Each process has its own caches and its own LISTEN connection.
 *
 * Plain JavaScript on purpose: only our own TypeScript goes through tsx (its in-thread CJS
 * `require`), so Next.js loads without loader hooks or source maps for its thousands of files.
 * Measured after /api/health on PostgreSQL: the whole server under tsx 264 MB RSS, this 141 MB,
 * `next start` 119 MB.
 */
import cluster from "node:cluster";
import { createServer } from "node:http";
import { require as tsxRequire } from "tsx/cjs/api";

const { setUpFrontServer } = tsxRequire("./server/http/front-server.ts", import.meta.url);
const front = setUpFrontServer(process.argv.slice(2));
process.setSourceMapsEnabled(false);

if (cluster.isPrimary && front.processes > 1) {
  const { superviseWebProcesses } = tsxRequire("./server/http/web-cluster.ts", import.meta.url);
  superviseWebProcesses(cluster, front);
} else {
  const { default: next } = await import("next");
  const httpServer = createServer();
  const app = next({ dev: front.dev, hostname: front.hostname, port: front.port, httpServer });
  const handle = app.getRequestHandler();
  // Production answers the tRPC API here, without Next.js's router, paced so that I/O (health,
  // the database) gets a turn between slices of API calls (server/http/trpc-front-door.ts);
  // `--dev` leaves it to the Next.js route, which reloads with the code.
  const trpc = front.dev ? null : tsxRequire("./server/http/trpc-front-door.ts", import.meta.url);
  await app.prepare();
  httpServer.on("request", (req, res) => {
    if (!front.prepare(req, res)) return;
    if (trpc?.isTrpcPath(req.url)) trpc.admitTrpc(req, res);
    else void handle(req, res);
  });
  httpServer.listen(front.port, front.hostname, () => {
    const mode = front.dev ? "development" : "production";
    const which = cluster.isWorker ? ` (process ${cluster.worker?.id})` : "";
    console.log(`Parley listening on http://${front.hostname}:${front.port} (${mode})${which}`);
  });
  // SIGTERM: stop taking connections, let the in-process job worker stop (instrumentation.ts
  // starts it and stops it on the same signal, letting running jobs finish), write the batched
  // suggestion events, then exit.
  // Without this the worker's own SIGTERM listener kept the process serving forever.
  process.once("SIGTERM", () => {
    httpServer.close();
    void Promise.all([
      Promise.resolve(globalThis.__parleyWorker).then((worker) => worker?.stop()),
      trpc?.flushSuggestionEvents(),
    ])
      .catch(() => undefined)
      .finally(() => process.exit(0));
  });
}
