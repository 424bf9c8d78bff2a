/**
 * Tuning harness for gap detection (held-out training rows only, never test.csv):
 *   npx tsx bench/gaps-tune.ts prepare --offset 4     # labels at alphabetical positions 4, 12, 20 … held out
 *   npx tsx bench/gaps-tune.ts cluster --offset 4 [--config '{…}']
 * prepare: stratified 80/20 split of train.csv; trains the product's model on the 80% minus the held-out
 * labels; predicts the 20%; caches the not-confident rows to /tmp. cluster: runs gap detection on them.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_GAP_OPTIONS, detectGaps } from "@/server/analysis/gaps";
import { scoreHoldout } from "@/server/analysis/holdout-score";
import { stratifiedSplit } from "@/server/training/evaluation/split";
import { loadWordVectors } from "@/server/training/model/embeddings";
import { predict } from "@/server/training/model/model";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { readLabelledCsv } from "@/server/training/service/labelled-csv";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { offset: { type: "string", default: "4" }, config: { type: "string", default: "{}" } },
});
const offset = Number(values.offset);
const rows = readLabelledCsv(
  readFileSync("/work/shared/datasets/banking77/train.csv", "utf8"),
  "text",
  "category",
);
const labels = [...new Set(rows.map((r) => r.label))].sort();
const holdout = labels.filter((_, i) => i % 8 === offset % 8);
const cache = `/tmp/gaps-tune-${offset}.json`;

if (positionals[0] === "prepare") {
  const split = stratifiedSplit(
    rows.map((r) => r.label),
    { fraction: 0.2, seed: 11 + offset },
  );
  const train = split.train.flatMap((i) => rows[i] ?? []).filter((r) => !holdout.includes(r.label));
  const t0 = performance.now();
  const model = trainModel(train, DEFAULT_TRAINING, { embeddings: loadWordVectors() });
  const messages = split.heldOut.map((i) => {
    const r = rows[i] ?? { text: "", label: "" };
    const p = predict(model, r.text, 1);
    return {
      text: r.text,
      label: r.label,
      confident: p.confident,
      top: p.topProbability,
      topLabel: p.candidates[0]?.label ?? null,
    };
  });
  writeFileSync(cache, JSON.stringify({ holdout, messages }));
  const unconf = messages.filter((m) => !m.confident);
  console.log(
    JSON.stringify({
      holdout,
      seconds: (performance.now() - t0) / 1000,
      rows: messages.length,
      unconfident: unconf.length,
      holdoutUnconfident: unconf.filter((m) => holdout.includes(m.label)).length,
    }),
  );
} else {
  const { messages } = JSON.parse(readFileSync(cache, "utf8")) as {
    messages: {
      text: string;
      label: string;
      confident: boolean;
      top: number;
      topLabel: string | null;
    }[];
  };
  const t0 = performance.now();
  const options = { ...DEFAULT_GAP_OPTIONS, ...JSON.parse(values.config ?? "{}") };
  const result = detectGaps(
    messages.map((m, i) => ({
      id: String(i),
      text: m.text,
      confident: m.confident,
      topProbability: m.top,
      topLabel: m.topLabel,
      at: null,
    })),
    options,
    loadWordVectors(),
  );
  const score = scoreHoldout(result.gaps, holdout, (id) => messages[Number(id)]?.label ?? "");
  console.log(
    JSON.stringify({
      offset,
      seconds: (performance.now() - t0) / 1000,
      k: result.k,
      scores: result.kScores,
      gaps: result.gaps.length,
      ...score,
    }),
  );
}
