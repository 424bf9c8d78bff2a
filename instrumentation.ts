/**
 * Next.js calls register() once when a server process starts: refuse to start on a broken
 * configuration (one line naming the variable), then apply pending migrations before the
 * first request, so `next start` on a fresh database just works; start the regex worker
 * threads, so the first request with user patterns does not pay their start-up; then start the
 * in-process job worker unless JOBS_WORKER=off (separate `npm run worker` processes).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseToStartOnBadConfiguration, openDatabaseOrExit } = await import("./server/startup");
  refuseToStartOnBadConfiguration();
  const { log } = await import("./server/logger");
  const { frontServerRunning } = await import("./server/http/client-address");
  if (!frontServerRunning()) {
    // `next start`/`next dev` directly: no socket address, no security headers.
    log.warn(
      "started without server.mjs: client addresses are unknown and security headers are off; use npm start",
    );
  }
  const started = Date.now();
  const handle = await openDatabaseOrExit();
  log.info("database ready", { driver: handle.driver, ms: Date.now() - started });
  const { getRegexPool } = await import("./server/templates/regex/regex-worker-pool");
  getRegexPool();
  const { startInProcessWorker } = await import("./server/jobs/in-process");
  await startInProcessWorker(handle);
}
