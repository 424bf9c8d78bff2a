/**
 * The neighbour search (knn.ts `knnVote`) on its own: time per query for BANKING77's test
 * messages against the full training set's index (10,003 rows), beside the plain one-posting-
 * per-turn loop it replaced, and whether both give the same sums bit for bit. Prints one JSON
 * object; not a test.
 *
 *   npx tsx bench/knn-kernel.ts [--rounds 9] [--data ../shared/datasets/banking77]
 *
 * Trains the default model first (≈ 15 s). Rounds alternate the two kernels over every query,
 * so a noisy neighbour on the machine slows both alike; the medians are reported.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type KnnIndex, knnVote } from "@/server/training/model/knn";
import type { SparseRow } from "@/server/training/model/sparse";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { readLabelledCsv } from "@/server/training/service/labelled-csv";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "9" },
    data: { type: "string", default: "../shared/datasets/banking77" },
  },
});
const read = (file: string) =>
  readLabelledCsv(readFileSync(`${values.data}/${file}`, "utf8"), "text", "category");
const train = read("train.csv");
const test = read("test.csv");
const model = trainModel(
  train.map((r) => ({ text: r.text, label: r.label })),
  DEFAULT_TRAINING,
);
const knn = model.knn;
if (!knn) throw new Error("the trained model has no neighbour part");
const { index, options } = knn;
const queries = test.map((r) => model.featurizer.transformText(r.text).row);

/** The loop before the four-at-a-time form: one posting per turn (the reference). */
function plainSums(ix: KnnIndex, row: SparseRow, scratch: Float64Array): void {
  const { postPtr, postRows, postValues, sparseCount } = ix;
  scratch.fill(0);
  for (let j = 0; j < row.indices.length; j++) {
    const f = row.indices[j] as number;
    if (f >= sparseCount) continue;
    const v = row.values[j] as number;
    const end = postPtr[f + 1] as number;
    for (let p = postPtr[f] as number; p < end; p++) {
      const r = postRows[p] as number;
      scratch[r] = (scratch[r] as number) + v * (postValues[p] as number);
    }
  }
}

// knnVote leaves its sums in the scratch buffer: compare them with the reference's.
const kernelSums = new Float64Array(index.rows);
const plain = new Float64Array(index.rows);
let differingQueries = 0;
let postings = 0;
for (const row of queries) {
  knnVote(index, row, options, kernelSums);
  plainSums(index, row, plain);
  if (kernelSums.some((s, r) => s !== plain[r])) differingQueries++;
  for (const f of row.indices) {
    if (f < index.sparseCount) postings += (index.postPtr[f + 1] ?? 0) - (index.postPtr[f] ?? 0);
  }
}

const times = { knnVote: [] as number[], plain: [] as number[] };
for (let round = 0; round < Number(values.rounds); round++) {
  let started = performance.now();
  for (const row of queries) knnVote(index, row, options, kernelSums);
  times.knnVote.push((performance.now() - started) / queries.length);
  started = performance.now();
  for (const row of queries) plainSums(index, row, plain);
  times.plain.push((performance.now() - started) / queries.length);
}
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round((sorted[sorted.length >> 1] ?? 0) * 10_000) / 10_000;
};
console.log(
  JSON.stringify({
    benchmark: "knnVote per query",
    index_rows: index.rows,
    index_postings: index.postRows.length,
    queries: queries.length,
    postings_per_query: Math.round(postings / queries.length),
    rounds: Number(values.rounds),
    knn_vote_ms_median: median(times.knnVote),
    // The reference loop only sums (no top-k, no vote): knnVote's time includes both.
    plain_sums_ms_median: median(times.plain),
    queries_with_different_sums: differingQueries,
  }),
);
