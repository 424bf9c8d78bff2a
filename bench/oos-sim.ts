/**
 * Out-of-scope handling on simulated sets built from BANKING77 train.csv only (test.csv is never
 * read): some intents are removed from the training data and their held-out rows become
 * out-of-scope messages. Prints one JSON line per scenario and seed; not a test.
 *   npx tsx bench/oos-sim.ts [a|b|c ...]        (SEEDS='[7,11,23]' by default)
 *
 * Every 5th row of each intent (in a seeded order) is a test row. Ten intents are unseen: U1 and
 * U2, five each.
 * - a: no out-of-scope examples in training; the test rows of U1 ∪ U2 are out of scope.
 * - b: 10 training rows of each U1 intent are labelled "oos"; the test's out-of-scope rows are U2's
 *      only (kinds of out-of-scope message the training data never showed).
 * - c: 10 training rows of every unseen intent are labelled "oos"; the test's out-of-scope rows are
 *      U1 ∪ U2's (the same kinds as in training, as in CLINC150).
 * `top1` is the definition (bench suggest): an in-scope row is right when ranked first,
 * confident or not; an out-of-scope row only when not answered.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "@/server/templates/interchange/csv-parse";
import { seededRandom, shuffleInPlace } from "@/server/training/evaluation/random";
import { DEFAULT_TRAINING, type TrainingExample, trainModel } from "@/server/training/model/train";
import { scorePredictions } from "./score-predictions";

const OOS = "oos";
const scenarios = process.argv.slice(2).length ? process.argv.slice(2) : ["a", "b", "c"];
const seeds = JSON.parse(process.env.SEEDS ?? "[7,11,23]") as number[];
const { records } = parseCsv(
  readFileSync(path.resolve("../shared/datasets/banking77/train.csv"), "utf8"),
);
const all = records.slice(1).map((r) => ({ text: r.fields[0] ?? "", label: r.fields[1] ?? "" }));

function build(scenario: string, seed: number) {
  const random = seededRandom(seed);
  const labels = shuffleInPlace([...new Set(all.map((r) => r.label))].sort(), random);
  const u1 = new Set(labels.slice(0, 5));
  const u2 = new Set(labels.slice(5, 10));
  const seen = new Map<string, number>();
  const train: TrainingExample[] = [];
  const test: TrainingExample[] = [];
  for (const row of shuffleInPlace([...all], random)) {
    const n = (seen.get(row.label) ?? 0) + 1;
    seen.set(row.label, n);
    const unseen = u1.has(row.label) || u2.has(row.label);
    if (n % 5 === 0) {
      if (!unseen) test.push(row);
      else if (scenario !== "b" || u2.has(row.label)) test.push({ text: row.text, label: OOS });
    } else if (!unseen) train.push(row);
    else if (n <= 12 && (scenario === "c" || (scenario === "b" && u1.has(row.label))))
      train.push({ text: row.text, label: OOS });
  }
  return { train, test };
}

for (const scenario of scenarios) {
  for (const seed of seeds) {
    const { train, test } = build(scenario, seed);
    const model = trainModel(train, { ...DEFAULT_TRAINING, outOfScopeLabel: OOS });
    const score = scorePredictions(model, test, OOS);
    const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
    console.log(
      JSON.stringify({
        scenario,
        seed,
        train_rows: train.length,
        oos_train_rows: train.filter((r) => r.label === OOS).length,
        test_rows: test.length,
        oos_test_rows: score.oosRows,
        threshold: r4(model.threshold),
        rule: model.metrics.heldOut?.thresholdChoice.rule,
        top1: r4((score.top1 + score.oosCaught) / score.rows),
        in_scope_top1: r4(score.top1 / score.inScope),
        in_scope_answered: r4(score.answered / score.inScope),
        in_scope_answered_precision: r4(score.answeredRight / Math.max(1, score.answered)),
        oos_recall: r4(score.oosCaught / Math.max(1, score.oosRows)),
        oos_precision: r4(score.oosCaught / Math.max(1, score.notConfident)),
        off_topic_confident: score.offTopicConfident,
      }),
    );
  }
}
