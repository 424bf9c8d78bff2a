import { configurationProblems } from "./env";

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
