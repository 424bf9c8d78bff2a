/**
 * Time of one tenant transaction with two drizzle reads, on PostgreSQL, one caller at a time:
 *   DATABASE_URL=postgres://... npx tsx bench/tenant-transactions.ts [--calls 2000]
 * Both kinds: readInTenant (the pipelined read transaction, db/tenant-read.ts) and withTenant
 * (a drizzle transaction, db/tenant.ts). Each reads the workspace row and five template ids —
 * the shape of a request's reads. Measured twice in one run: `prepared`, the app's client
 * (db/prepared-client.ts), and `unprepared`, drizzle given the bare postgres.js client (its
 * queries then go unnamed, each described in a round trip of its own). Creates a scratch
 * workspace and deletes it. Prints one JSON object.
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { type Database, openDatabase } from "@/db/client";
import * as schema from "@/db/schema";
import { templates, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { readInTenant } from "@/db/tenant-read";
import { percentile } from "./http-session";

const { values } = parseArgs({ options: { calls: { type: "string", default: "2000" } } });
const calls = Number(values.calls);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("bench/tenant-transactions.ts measures PostgreSQL: set DATABASE_URL");
  process.exit(1);
}

const handle = openDatabase({ url, dir: "", max: 4 });
// The same pool settings, but drizzle given the bare client: its queries go unnamed.
const bare = postgres(url, { max: 4, onnotice: () => {}, prepare: true });
const unprepared = drizzle(bare, { schema, casing: "snake_case" }) as unknown as Database;
const id = crypto.randomUUID();
await withTenant(handle.db, id, (tx) =>
  tx.insert(workspaces).values({ id, name: "Tenant transactions bench", slug: `bench-tx-${id}` }),
);

type Run = typeof withTenant;
async function measure(db: Database, run: Run, n: number) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run(db, id, async (tx) => {
      await tx.select().from(workspaces).where(eq(workspaces.id, id));
      await tx
        .select({ id: templates.id })
        .from(templates)
        .where(eq(templates.workspaceId, id))
        .limit(5);
    });
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { p50_ms: percentile(ms, 50), p95_ms: percentile(ms, 95) };
}

const result: Record<string, unknown> = { benchmark: "tenant transactions", calls };
for (const [name, db] of [
  ["prepared", handle.db],
  ["unprepared", unprepared],
] as const) {
  await measure(db, readInTenant, 200);
  await measure(db, withTenant, 200);
  result[name] = {
    read_in_tenant: await measure(db, readInTenant, calls),
    with_tenant: await measure(db, withTenant, calls),
  };
}
await withTenant(handle.db, id, (tx) => tx.delete(workspaces).where(eq(workspaces.id, id)));
await bare.end({ timeout: 5 });
await handle.close();
console.log(JSON.stringify(result));
