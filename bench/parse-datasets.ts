/**
 * Throughput of the dataset parser (server/training/datasets) on a generated conversations CSV:
 * 200,000 message rows by default (a row per message: conversation id, role, text, timestamp),
 * streamed from disk in 64 KB chunks through decoding, CSV, validation, NFC and deduplication.
 * Parsing only — no database writes. Prints one JSON object; not a test.
 *
 *   npx tsx bench/parse-datasets.ts [--rows 200000] [--json]   # --json: the same rows as a JSON array
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseDataset } from "@/server/training/datasets/parse-dataset";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "200000" },
    json: { type: "boolean", default: false },
  },
});
const rows = Number(values.rows);

const customer = [
  "Hi, where is my order #{n}? It was due on Monday.",
  "I was charged twice for subscription {n}, please refund one of them.",
  'My parcel arrived damaged, the box said "fragile" but it was crushed.',
  "Can I change the delivery address for order {n}, I moved last week.",
];
const agent = [
  "Hi! Your order {n} is out for delivery and should arrive today.",
  "Sorry about that, I've refunded the duplicate charge; it shows in 3–5 days.",
  "I'm sorry! Please send a photo, and we'll ship a replacement today.",
  "Sure, I've updated the address on order {n}; tracking will follow by email.",
];

const dir = mkdtempSync(path.join(tmpdir(), "parse-bench-"));
const file = path.join(dir, values.json ? "conversations.json" : "conversations.csv");
const lines = values.json ? [] : ["conversation_id,role,text,timestamp"];
for (let i = 0; i < rows; i++) {
  const conversation = Math.floor(i / 4);
  const pool = i % 2 === 0 ? customer : agent;
  const text = (pool[(conversation + i) % pool.length] as string).replace(
    "{n}",
    String(10_000 + i),
  );
  const quoted =
    text.includes(",") || text.includes('"') ? `"${text.replaceAll('"', '""')}"` : text;
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const role = i % 2 === 0 ? "customer" : "agent";
  lines.push(
    values.json
      ? JSON.stringify({ conversation_id: `c-${conversation}`, role, text, timestamp: at })
      : `c-${conversation},${role},${quoted},${at}`,
  );
}
writeFileSync(file, values.json ? `[\n${lines.join(",\n")}\n]\n` : `${lines.join("\n")}\n`);
const bytes = statSync(file).size;

const started = performance.now();
const parse = parseDataset(createReadStream(file, { highWaterMark: 64 * 1024 }), {
  fileName: "conversations.csv",
});
let count = 0;
for await (const _ of parse.rows) count += 1;
const seconds = (performance.now() - started) / 1000;
const outcome = parse.outcome();
rmSync(dir, { recursive: true });

console.log(
  JSON.stringify({
    format: outcome.format,
    rows_generated: rows,
    rows_yielded: count,
    status: outcome.status,
    errors: outcome.errorCount,
    duplicates: outcome.duplicates,
    megabytes: Math.round((bytes / 1024 / 1024) * 10) / 10,
    seconds: Math.round(seconds * 100) / 100,
    rows_per_second: Math.round(count / seconds),
    megabytes_per_second: Math.round((bytes / 1024 / 1024 / seconds) * 10) / 10,
    peak_rss_mb: Math.round(process.memoryUsage().rss / 1024 / 1024),
  }),
);
