/**
 * Small workspaces (a first-hour user: a few intents, ~10 examples each), simulated from BANKING77
 * train.csv: how often messages no template answers still get a confident suggestion. Prints one
 * JSON line per (intents, seed); not a test.
 *   npx tsx bench/small-sim.ts        (LABELS='[3,5,10]' PER_LABEL=10 SEEDS='[1,2,3,4,5,6,7,8]')
 * In scope: 30 other train.csv rows of each chosen intent. Near: 100 rows of other BANKING77
 * intents. Far: 100 Bitext customer-support messages (orders, shipping, accounts) and the 10
 * off-topic messages of bench/off-topic.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "@/server/templates/interchange/csv-parse";
import { seededRandom, shuffleInPlace } from "@/server/training/evaluation/random";
import { loadWordVectors } from "@/server/training/model/embeddings";
import { type Prediction, predict } from "@/server/training/model/model";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { OFF_TOPIC_MESSAGES } from "./off-topic";

function read(file: string, textCol: string, labelCol: string) {
  const { records } = parseCsv(readFileSync(path.resolve(file), "utf8"));
  const [head, ...rows] = records;
  const ti = head?.fields.indexOf(textCol) ?? -1;
  const li = head?.fields.indexOf(labelCol) ?? -1;
  return rows.map((r) => ({ text: r.fields[ti] ?? "", label: r.fields[li] ?? "" }));
}
const banking = read("../shared/datasets/banking77/train.csv", "text", "category");
const bitext = read(
  "../shared/datasets/bitext-customer-support/bitext_cs_train_v_2023-08-07.csv",
  "instruction",
  "category",
).filter((r) => ["ORDER", "SHIPPING", "DELIVERY", "INVOICE", "NEWSLETTER"].includes(r.label));

const labelCounts = JSON.parse(process.env.LABELS ?? "[3,5,10]") as number[];
const perLabel = Number(process.env.PER_LABEL ?? 10);
const seeds = JSON.parse(process.env.SEEDS ?? "[1,2,3,4,5,6,7,8]") as number[];
const embeddings = loadWordVectors();
const allLabels = [...new Set(banking.map((r) => r.label))].sort();
for (const count of labelCounts) {
  for (const seed of seeds) {
    const random = seededRandom(seed);
    const chosen = new Set(shuffleInPlace([...allLabels], random).slice(0, count));
    const rows = shuffleInPlace([...banking], random);
    const train = [];
    const inScope = [];
    const taken = new Map<string, number>();
    const near = [];
    for (const row of rows) {
      if (!chosen.has(row.label)) {
        if (near.length < 100) near.push(row.text);
        continue;
      }
      const n = (taken.get(row.label) ?? 0) + 1;
      taken.set(row.label, n);
      if (n <= perLabel) train.push(row);
      else if (n <= perLabel + 30) inScope.push(row);
    }
    const far = [
      ...shuffleInPlace([...bitext], random)
        .slice(0, 100)
        .map((r) => r.text),
      ...OFF_TOPIC_MESSAGES,
    ];
    const model = trainModel(train, DEFAULT_TRAINING, { embeddings });
    const result: Record<string, unknown> = {
      labels: count,
      seed,
      threshold: Math.round(model.threshold * 1e4) / 1e4,
      heldout_rows: model.metrics.heldOut?.rows,
    };
    const inRows = inScope.map((r) => ({ p: predict(model, r.text), label: r.label }));
    const nearRows = near.map((t) => predict(model, t));
    const farRows = far.map((t) => predict(model, t));
    // "without_gate": as predict() decided before the known-word gate (known-words.ts).
    const rules = {
      without_gate: (p: Prediction) =>
        !p.predictedOutOfScope && p.topProbability >= model.threshold,
      with_gate: (p: Prediction) => p.confident,
    };
    for (const [name, ok] of Object.entries(rules)) {
      const answered = inRows.filter((x) => ok(x.p));
      result[name] = {
        in_answered: +(answered.length / inRows.length).toFixed(3),
        in_precision: +(
          answered.filter((x) => x.p.candidates[0]?.label === x.label).length /
          Math.max(1, answered.length)
        ).toFixed(3),
        near_confident: +(nearRows.filter(ok).length / nearRows.length).toFixed(3),
        far_confident: +(farRows.filter(ok).length / farRows.length).toFixed(3),
      };
    }
    console.log(JSON.stringify(result));
  }
}
