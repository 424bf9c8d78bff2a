/**
 * RSS of a process holding the database client and the largest model version in the database
 * (e.g. BANKING77 after training.pg.int.test.ts), loaded as the suggestion service loads it.
 * Prints one JSON line. `DATABASE_URL=… npx tsx bench/training-memory.ts`
 */
import { desc } from "drizzle-orm";
import { closeDatabase, getDatabase } from "@/db";
import { modelVersions } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { modelMemoryBytes, predict } from "@/server/training/model/model";
import { deserializeModel } from "@/server/training/model/serialize";
import { loadModelArtifact } from "@/server/training/versions/deployed";

const mb = (n: number) => Math.round(n / 1e5) / 10;
const { db, driver } = await getDatabase();
const rssBefore = process.memoryUsage().rss;
const [largest] = await db
  .select({ id: modelVersions.id, workspaceId: modelVersions.workspaceId })
  .from(modelVersions)
  .orderBy(desc(modelVersions.sizeBytes))
  .limit(1);
if (!largest) throw new Error("no model version in the database");
const started = performance.now();
const artefact = await withTenant(db, largest.workspaceId, (tx) =>
  loadModelArtifact(tx, largest.id),
);
if (!artefact) throw new Error("artefact not found");
const model = deserializeModel(artefact.bytes);
const loadMs = performance.now() - started;
predict(model, "my card has not arrived yet");
const rssAfter = process.memoryUsage().rss;
process.stdout.write(
  `${JSON.stringify({
    driver,
    labels: model.labels.length,
    artefact_bytes: artefact.bytes.byteLength,
    model_memory_mb: mb(modelMemoryBytes(model)),
    load_ms: Math.round(loadMs),
    rss_before_mb: mb(rssBefore),
    rss_with_model_mb: mb(rssAfter),
  })}\n`,
);
await closeDatabase();
