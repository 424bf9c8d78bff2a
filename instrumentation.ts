/**
 * Next.js calls register() once when a server process starts: apply pending migrations
 * before the first request, so `next start` on a fresh database just works; then start the
 * in-process job worker unless JOBS_WORKER=off (separate `npm run worker` processes).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("./db");
  const { log } = await import("./server/logger");
  const started = Date.now();
  const handle = await getDatabase();
  log.info("database ready", { driver: handle.driver, ms: Date.now() - started });
  const { startInProcessWorker } = await import("./server/jobs/in-process");
  await startInProcessWorker(handle);
}
