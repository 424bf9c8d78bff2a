/**
 * Next.js calls register() once when a server process starts: apply pending migrations
 * before the first request, so `next start` on a fresh database just works; and start the
 * regex worker threads, so the first request with user patterns does not pay their start-up.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("./db");
  const { log } = await import("./server/logger");
  const started = Date.now();
  const handle = await getDatabase();
  log.info("database ready", { driver: handle.driver, ms: Date.now() - started });
  const { getRegexPool } = await import("./server/templates/regex/regex-worker-pool");
  getRegexPool();
}
