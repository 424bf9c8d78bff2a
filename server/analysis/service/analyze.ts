/**
 * `training.analyze`: the seed's analyzeConversationData over an evenly spaced sample of at most
 * 2,000 customer messages of a dataset or of a period of the inbox (default: the last 30 days),
 * answered in the request. Reads in one short transaction, scores outside any in a worker thread
 * (compute-in-worker.ts), names in another.
 */
import type { Tx } from "@/db";
import { namedSummary } from "./compute";
import { summarizeInWorker } from "./compute-in-worker";
import { readDeployedArtifact } from "./model";
import { inboxPeriod } from "./run";
import { type LoadedSource, loadDatasetSource, loadInboxSource, templateNames } from "./sources";

export const ANALYZE_SAMPLE = 2_000;
/** The inbox rows read before sampling (the most recent ones). */
const ANALYZE_READ = 20_000;
const ANALYZE_DAYS = 30;

/** Every k-th item (k fractional): spread over the whole source, and the same every time. */
export function evenSample<T>(items: readonly T[], size: number): T[] {
  if (items.length <= size) return [...items];
  const step = items.length / size;
  return Array.from({ length: size }, (_, i) => items[Math.floor(i * step)] as T);
}

export async function analyzeConversations(
  inTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  input: { datasetId?: string; from?: string; to?: string },
  now = new Date(),
) {
  const defaultFrom = new Date(now.getTime() - (ANALYZE_DAYS - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const period = input.datasetId
    ? null
    : inboxPeriod({ from: input.from ?? (input.to ? undefined : defaultFrom), to: input.to }, now);
  const loaded = await inTenant(async (tx) => {
    const source: LoadedSource = input.datasetId
      ? await loadDatasetSource(tx, input.datasetId)
      : await loadInboxSource(tx, period as { from: Date; to: Date }, ANALYZE_READ);
    return { source, artifact: await readDeployedArtifact(tx) };
  });
  const sample = evenSample(loaded.source.messages, ANALYZE_SAMPLE);
  const summary = await summarizeInWorker(sample, loaded.artifact);
  const ids = [
    ...summary.commonFailurePoints.flatMap((f) => [f.expected, f.suggested ?? ""]),
    ...summary.improvementAreas.map((a) => a.templateId),
  ];
  const names = await inTenant((tx) => templateNames(tx, ids));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return {
    ...namedSummary(summary, names),
    scope: {
      source: input.datasetId ? ("dataset" as const) : ("inbox" as const),
      datasetId: input.datasetId ?? null,
      from: period ? day(period.from) : null,
      to: period ? day(new Date(period.to.getTime() - 1)) : null,
    },
    available: loaded.source.total,
    sampled: loaded.source.total > sample.length,
    modelVersion: loaded.artifact?.version ?? null,
  };
}
