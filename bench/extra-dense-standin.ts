/**
 * Does the extra dense block (server/training/model/extra-dense.ts) carry signal? A STAND-IN, not
 * a provider: an AI SDK MockEmbeddingModelV3 whose vectors are the mean of the committed GloVe-
 * derived word vectors (server/training/model/data/word-vectors.bin) of a text's tokens, fed
 * through `embedMany` like a provider's answer, then trained as the block. No provider call; the
 * figures say nothing about a real embedding model's gain, only that the mechanism carries what
 * the vectors hold. Prints one JSON object per run.
 *
 *   npx tsx bench/extra-dense-standin.ts [--train train_10shot.csv] [--test test.csv] [--runs 4]
 *                                        [--weight 1]
 *
 * `--runs 2`: the first two only (with ≥ 40 examples per label, e.g. the full train.csv, the
 * default configuration has no word vectors, so runs 3–4 repeat 1–2).
 *
 * Runs (BANKING77, test.csv scored once per run):
 * - "no word vectors": TF-IDF only (the built-in pooled word-vector block off);
 * - "no word vectors + stand-in block": the same + the stand-in as the extra dense block;
 * - "default": the shipped configuration (built-in word vectors below 40 examples per label);
 * - "default + stand-in block": the shipped configuration + the block.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { embedMany } from "ai";
import { MockEmbeddingModelV3 } from "ai/test";
import { loadWordVectors } from "@/server/training/model/embeddings";
import { predict } from "@/server/training/model/model";
import { DEFAULT_NORMALIZE, normalizeText, tokenize } from "@/server/training/model/normalize";
import { DEFAULT_TRAINING, type TrainingConfig, trainModel } from "@/server/training/model/train";
import { readLabelledCsv } from "@/server/training/service/labelled-csv";

const { values } = parseArgs({
  options: {
    train: { type: "string", default: "train_10shot.csv" },
    test: { type: "string", default: "test.csv" },
    runs: { type: "string", default: "4" },
    /** The block's weight (EXTRA_DENSE_WEIGHT = 1 in the product). */
    weight: { type: "string", default: "1" },
  },
});
const dir = path.resolve("../shared/datasets/banking77");
const read = (file: string) =>
  readLabelledCsv(readFileSync(path.resolve(dir, file), "utf8"), "text", "category");
const train = read(values.train);
const test = read(values.test);

const table = loadWordVectors();
const standIn = new MockEmbeddingModelV3({
  maxEmbeddingsPerCall: 2048,
  doEmbed: async ({ values: texts }) => ({
    embeddings: texts.map((text) => {
      const pooled = table.pool(tokenize(normalizeText(text, DEFAULT_NORMALIZE)));
      return pooled ? Array.from(pooled.mean) : [];
    }),
    usage: { tokens: 0 },
    warnings: [],
  }),
});
const embed = async (texts: string[]) => {
  const started = performance.now();
  const { embeddings } = await embedMany({ model: standIn, values: texts, maxRetries: 0 });
  return {
    vectors: embeddings.map((v) => (v.length > 0 ? v : null)),
    ms: performance.now() - started,
  };
};

const trainVectors = await embed(train.map((r) => r.text));
const testVectors = await embed(test.map((r) => r.text));
const examples = train.map((r) => ({ text: r.text, label: r.label }));
const noVectors: TrainingConfig = { ...DEFAULT_TRAINING, wordVectorsBelowPerLabel: 0 };

for (const [name, config, withBlock] of (
  [
    ["no word vectors", noVectors, false],
    ["no word vectors + stand-in block", noVectors, true],
    ["default", DEFAULT_TRAINING, false],
    ["default + stand-in block", DEFAULT_TRAINING, true],
  ] as const
).slice(0, Number(values.runs))) {
  const started = performance.now();
  const model = trainModel(
    examples,
    config,
    withBlock
      ? {
          extraDense: {
            model: "stand-in/glove-mean-100d",
            vectors: trainVectors.vectors,
            weight: Number(values.weight),
          },
        }
      : {},
  );
  const trainSeconds = (performance.now() - started) / 1000;
  let top1 = 0;
  let top3 = 0;
  test.forEach((row, i) => {
    const vector = withBlock ? testVectors.vectors[i] : undefined;
    const labels = predict(model, row.text, 3, vector).candidates.map((c) => c.label);
    if (labels[0] === row.label) top1++;
    if (labels.includes(row.label)) top3++;
  });
  console.log(
    JSON.stringify({
      run: name,
      train: values.train,
      test: values.test,
      train_rows: train.length,
      test_rows: test.length,
      top1: Math.round((top1 / test.length) * 10_000) / 10_000,
      top3: Math.round((top3 / test.length) * 10_000) / 10_000,
      train_seconds: Math.round(trainSeconds * 10) / 10,
      block: model.extraDense ?? null,
      stand_in_embed_ms: withBlock ? Math.round(trainVectors.ms + testVectors.ms) : 0,
      note: "stand-in (GloVe mean via MockEmbeddingModelV3), not a provider",
    }),
  );
}
