/**
 * COMMITs of read transactions that nobody waits for (tenant-read.ts answers before its COMMIT
 * is acknowledged). Closing a client must wait for them first: postgres.js's `end()` does not
 * count a reserved connection still finishing, which then kept `end()` waiting for its whole
 * timeout (5 s for every CLI command and script that read through readInTenant last).
 */
const pending = new Set<Promise<void>>();

export function trackReadEnd(end: Promise<void>): void {
  pending.add(end);
  void end.finally(() => pending.delete(end));
}

/** Resolves once every read transaction ended so far has committed (they never reject). */
export async function readEndsSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
