import {
  closeSync,
  createReadStream,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import { getDatabase } from "@/db";
import { datasets, jobEvents, jobRuns, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { uploadDataset } from "@/sdk/upload-dataset";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { createApiKey } from "@/server/api-keys/api-keys";
import { datasetParseJob } from "@/server/jobs/definitions/dataset-parse";
import { startWorker } from "@/server/jobs/worker";
import { handleDatasetUpload } from "@/server/training/datasets-store/upload-route";

export type BenchIngestOptions = { rows: number };

const CUSTOMER = [
  "Hi, where is my order #{n}? It was due on Monday.",
  "I was charged twice for subscription {n}, please refund one of them.",
  'My parcel arrived damaged, the box said "fragile" but it was crushed ({n}).',
  "Can I change the delivery address for order {n}, I moved last week.",
];
const AGENT = [
  "Hi! Your order {n} is out for delivery and should arrive today.",
  "Sorry about that, I've refunded the duplicate charge {n}; it shows in 3–5 days.",
  "I'm sorry! Please send a photo of {n}, and we'll ship a replacement today.",
  "Sure, I've updated the address on order {n}; tracking will follow by email.",
];

/** A conversations CSV with `rows` messages (four per conversation, customer/agent turns). */
export function writeConversationsCsv(file: string, rows: number): number {
  // Written in blocks, so generating a 100 MB file does not inflate the RSS measured after it.
  const fd = openSync(file, "w");
  try {
    let block = ["conversation_id,role,text,timestamp"];
    for (let i = 0; i < rows; i++) {
      const conversation = Math.floor(i / 4);
      const pool = i % 2 === 0 ? CUSTOMER : AGENT;
      const text = (pool[(conversation + i) % pool.length] as string).replace("{n}", String(i));
      const quoted = /[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
      const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      block.push(`c-${conversation},${i % 2 === 0 ? "customer" : "agent"},${quoted},${at}`);
      if (block.length >= 10_000) {
        writeSync(fd, `${block.join("\n")}\n`);
        block = [];
      }
    }
    if (block.length > 0) writeSync(fd, `${block.join("\n")}\n`);
  } finally {
    closeSync(fd);
  }
  return statSync(file).size;
}

/**
 * `bench ingest`: generates a conversations CSV, POSTs it over loopback HTTP (a streamed
 * body) to a node:http server that hands each request to the real upload route handler, with
 * an in-process worker running the parse job; timed from the first byte sent until the
 * dataset is `ready` (its last row committed). A scratch workspace, deleted afterwards.
 */
export async function benchIngest(options: BenchIngestOptions) {
  const handle = await getDatabase();
  const { db } = handle;
  const dir = mkdtempSync(path.join(tmpdir(), "ingest-bench-"));
  const file = path.join(dir, "conversations.csv");
  const bytes = writeConversationsCsv(file, options.rows);
  const tag = crypto.randomUUID().slice(0, 8);
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: `Ingest bench ${tag}`, slug: `bench-ingest-${tag}` })
    .returning({ id: workspaces.id, slug: workspaces.slug });
  if (!workspace) throw new Error("could not create the scratch workspace");
  const access = await systemAccess(db, workspace.id);
  const { key } = await runInWorkspace(db, access, (scope) =>
    createApiKey(scope, { name: "ingest bench", scope: "write" }),
  );
  const server = createServer((req, res) => {
    void handleDatasetUpload({
      db,
      request: toRequest(req),
      getSessionUser: async () => null,
      ip: "127.0.0.1",
    }).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const worker = await startWorker(handle, { mode: "in-process", definitions: [datasetParseJob] });
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  try {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    // Through the SDK helper, as an integration would: a streamed body with a write key.
    const { dataset } = await uploadDataset({
      url: `http://127.0.0.1:${port}`,
      apiKey: key,
      file: Readable.toWeb(
        createReadStream(file, { highWaterMark: 256 * 1024 }),
      ) as ReadableStream<Uint8Array>,
      kind: "conversations",
      name: "bench",
      fileName: "conversations.csv",
    });
    const uploadedAt = performance.now();
    let row: typeof datasets.$inferSelect | undefined;
    for (;;) {
      [row] = await withTenant(db, workspace.id, (tx) =>
        tx.select().from(datasets).where(eq(datasets.id, dataset.id)),
      );
      if (row?.status === "ready" || row?.status === "failed") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (row?.status !== "ready") throw new Error(`dataset ${row?.status}: ${row?.error}`);
    const [run] = await withTenant(db, workspace.id, (tx) =>
      tx
        .select()
        .from(jobRuns)
        .where(eq(jobRuns.id, row?.jobId ?? "")),
    );
    if (process.env.BENCH_DEBUG) {
      const events = await withTenant(db, workspace.id, (tx) =>
        tx
          .select()
          .from(jobEvents)
          .where(eq(jobEvents.jobId, row?.jobId ?? "")),
      );
      for (const e of events)
        console.error(e.createdAt.toISOString(), e.kind, e.progress, e.message);
    }
    const seconds2 = (a?: Date | null, b?: Date | null) =>
      a && b ? Math.round((b.getTime() - a.getTime()) / 10) / 100 : null;
    return {
      driver: handle.driver,
      rows: row.rowCount,
      bytes,
      seconds: Math.round(seconds * 100) / 100,
      upload_seconds: Math.round(((uploadedAt - started) / 1000) * 100) / 100,
      job_wait_seconds: seconds2(run?.createdAt, run?.startedAt),
      job_seconds: seconds2(run?.startedAt, run?.finishedAt),
      rows_per_s: Math.round(row.rowCount / seconds),
      mb_per_s: Math.round((bytes / 1024 / 1024 / seconds) * 10) / 10,
      /** CPU of this process (client, route, worker): the rest is PostgreSQL and waiting. */
      node_cpu_seconds: Math.round((cpu.user + cpu.system) / 10_000) / 100,
      rss_before_mb: Math.round(rssBefore / 1024 / 1024),
      peak_rss_mb: Math.round(peakRss / 1024 / 1024),
    };
  } finally {
    clearInterval(sampler);
    await worker.stop({ timeoutMs: 5_000 });
    server.close();
    rmSync(dir, { recursive: true, force: true });
    await db.execute(sql`delete from workspaces where id = ${workspace.id}`);
  }
}

/** The node request as a fetch Request with its body still a stream (as Next.js hands it over). */
function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method: req.method,
    headers,
    body: Readable.toWeb(req) as ReadableStream,
    duplex: "half",
  } as RequestInit);
}
