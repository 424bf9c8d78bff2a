import type { ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import { percentile, startServer, stopServer } from "@/bench/http-session";
import { getDatabase } from "@/db";
import { readRows } from "@/db/migrate";
import { workspaces } from "@/db/schema";
import { createParleyClient } from "@/sdk/parley-client";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { createApiKey } from "@/server/api-keys/api-keys";

export type BenchIngestApiOptions = {
  clients: number;
  seconds: number;
  /** Messages per inbox.ingest call (conversations of 10 messages each). */
  batch: number;
  port: number;
};

/**
 * SIGTERM, then SIGKILL after 10 s: the in-process job worker handles SIGTERM (hands jobs back)
 * but nothing closes the HTTP server, so a started server would otherwise outlive the bench.
 */
async function stopAndWait(server: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  await stopServer(server);
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000));
  if ((await Promise.race([exited, timer])) === "timeout" && server.pid) {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** High enough that the bench measures ingest, not the token buckets. */
const BENCH_RATE_LIMIT = "100000000";

/**
 * `bench ingest-api`: `clients` concurrent help desks push batches through `inbox.ingest` with
 * a write key of a scratch workspace for `seconds`, over HTTP with the typed client (sdk/).
 * Uses PARLEY_URL (a server on the same DATABASE_URL, started with raised API rate limits) or
 * starts the production build (`next build` first) with the limits raised. PostgreSQL only:
 * the bench and the server both open the database. `stored` is counted in the database after
 * the run, so `stored = sent` proves nothing was lost or stored twice.
 */
export async function benchIngestApi(options: BenchIngestApiOptions) {
  const handle = await getDatabase();
  if (handle.driver !== "postgres") {
    throw new Error(
      "bench ingest-api needs PostgreSQL (DATABASE_URL): the server and the bench share it",
    );
  }
  const { db } = handle;
  const tag = crypto.randomUUID().slice(0, 8);
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: `Ingest bench ${tag}`, slug: `bench-ingest-${tag}` })
    .returning({ id: workspaces.id });
  if (!workspace) throw new Error("could not create the scratch workspace");
  const { key } = await runInWorkspace(db, await systemAccess(db, workspace.id), (scope) =>
    createApiKey(scope, { name: "ingest bench", scope: "write" }),
  );
  const external = process.env.PARLEY_URL?.replace(/\/+$/, "");
  const server = external
    ? null
    : await startServer(options.port, {
        API_RATE_LIMIT_PER_MINUTE: BENCH_RATE_LIMIT,
        API_WORKSPACE_RATE_LIMIT_PER_MINUTE: BENCH_RATE_LIMIT,
      });
  const url = external ?? `http://127.0.0.1:${options.port}`;
  try {
    const perConversation = 10;
    const conversationsPerBatch = Math.max(1, Math.ceil(options.batch / perConversation));
    let sent = 0;
    let acknowledged = 0;
    let errors = 0;
    const firstErrors: string[] = [];
    const latencies: number[] = [];
    const deadline = performance.now() + options.seconds * 1000;
    const started = performance.now();
    const client = async (index: number) => {
      const parley = createParleyClient({ url, apiKey: key });
      for (let round = 0; performance.now() < deadline; round++) {
        const conversations = Array.from({ length: conversationsPerBatch }, (_, c) => ({
          externalId: `c${index}-${round}-${c}`,
          customer: { name: `Bench ${index}`, orderNumbers: [`B-${index}-${round}`] },
          messages: Array.from({ length: perConversation }, (_, m) => ({
            externalId: `m${m}`,
            role: "customer" as const,
            text: `Where is my order B-${index}-${round}? (${m})`,
          })),
        }));
        const messages = conversationsPerBatch * perConversation;
        sent += messages;
        const t0 = performance.now();
        try {
          const result = await parley.inbox.ingest.mutate({ source: "bench", conversations });
          acknowledged += result.stored;
        } catch (error) {
          errors++;
          if (firstErrors.length < 3)
            firstErrors.push(error instanceof Error ? error.message : String(error));
        }
        latencies.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
    const elapsedMs = performance.now() - started;
    const [count] = readRows<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from conversation_messages where workspace_id = ${workspace.id}`,
      ),
    );
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      driver: handle.driver,
      url: external ? url : "started",
      clients: options.clients,
      seconds: Math.round(elapsedMs / 100) / 10,
      batch_messages: conversationsPerBatch * perConversation,
      requests: latencies.length,
      messages_per_s: Math.round((acknowledged / elapsedMs) * 1000),
      sent,
      stored: count?.n ?? 0,
      acknowledged,
      errors,
      p50_ms: percentile(sorted, 50),
      p95_ms: percentile(sorted, 95),
      ...(firstErrors.length > 0 ? { first_errors: firstErrors } : {}),
    };
  } finally {
    if (server) await stopAndWait(server);
    // The scratch workspace goes with everything in it (cascades).
    await db.delete(workspaces).where(sql`${workspaces.id} = ${workspace.id}`);
  }
}
