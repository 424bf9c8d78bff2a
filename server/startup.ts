import type { DatabaseHandle } from "@/db/client";
import { configurationProblems } from "./env";
import { log } from "./logger";

/**
 * Stops the process on a broken configuration with one line per problem, each naming the
 * variable, so a misconfigured server never starts answering 500s. Called by server.mjs before
 * Next.js loads and by instrumentation.ts (for `next start`/`next dev` run directly).
 */
export function refuseToStartOnBadConfiguration(): void {
  const problems = configurationProblems();
  if (problems.length === 0) return;
  for (const problem of problems) console.error(`Parley cannot start: ${problem}`);
  process.exit(1);
}

/**
 * The database for a starting web server. Another process holding the embedded database
 * (db/embedded-lock.ts) stops this one with the line that says what to do: serving an error on
 * every page would hide it. Here rather than in instrumentation.ts, which Next.js also compiles
 * for the Edge runtime, where `process.exit` does not exist.
 */
export async function openDatabaseOrExit(): Promise<DatabaseHandle> {
  // Loaded here, not at the top: server.mjs loads this module before anything opens a database.
  const { getDatabase } = await import("@/db");
  try {
    return await getDatabase();
  } catch (error) {
    if (error instanceof Error && error.name === "EmbeddedDatabaseBusyError") {
      log.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
