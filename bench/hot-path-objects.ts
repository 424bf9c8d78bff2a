/**
 * What building objects costs on this Node version, and what the suggestion ranking and the
 * model's signals cost per request (README, "Architecture → Hot paths").
 *   node --expose-gc --import tsx bench/hot-path-objects.ts [--calls 20000] [--rounds 3]
 * Ways of building the same 8-field record from a 5-field one (`{ ...x, more }`, `{ ...a, ...b }`,
 * `Object.assign`, a literal), then `rankTemplates` on 26 signals (a BANKING77 request's
 * average: text matches mostly) and 1,000, limit 3, and `modelSignals` on 77 labels. Seeded
 * inputs; prints one JSON object with each round's ns (objects) or µs (calls) per call. With
 * `--expose-gc` the heap is collected before each measurement, so one way's garbage is not
 * collected on the next one's time (its own collections during its loop still count).
 */
import { parseArgs } from "node:util";
import { modelSignals } from "@/server/suggestions/model-signals";
import {
  type RankingBasis,
  rankTemplates,
  type TemplateSignals,
} from "@/server/suggestions/ranking";
import { seededRandom } from "@/server/training/evaluation/random";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "20000" },
    rounds: { type: "string", default: "3" },
  },
});
const calls = Number(values.calls);
const rounds = Number(values.rounds);

const next = seededRandom(20261207);
const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
const signalsOf = (n: number): TemplateSignals[] =>
  Array.from({ length: n }, (_, i) => ({
    templateId: id(Math.floor(next() * 1e6) * 1000 + i),
    modelProbability: next() ** 4,
    triggerWeight: next() < 0.05 ? 1 : 0,
    textMatch: next() * 0.3,
    pastChoices: 0,
  }));
const basis: RankingBasis = { modelDeployed: true, threshold: 0.6, knownWordShare: 0.9 };

/** ns (or µs with `unit` 1e3) per call of `fn` over `inputs`, `calls` calls. */
function time<T>(inputs: readonly T[], fn: (input: T) => unknown, unit: number): number {
  (globalThis as { gc?: () => void }).gc?.();
  let sink = 0;
  const started = performance.now();
  for (let i = 0; i < calls; i++) if (fn(inputs[i % inputs.length] as T)) sink++;
  const ns = ((performance.now() - started) * 1e6) / calls;
  if (sink < 0) console.error(sink); // keeps the results alive
  return Math.round((ns / unit) * 100) / 100;
}

const records = signalsOf(1000);
const extras = records.map(() => ({ confidence: next(), confident: false, parts: null }));
const objectWays = {
  spread_then_fields_ns: (s: TemplateSignals) => ({
    ...s,
    confidence: 0.5,
    confident: false,
    parts: null,
  }),
  two_spreads_ns: (s: TemplateSignals) => ({ ...s, ...extras[0] }),
  object_assign_ns: (s: TemplateSignals) =>
    Object.assign({}, s, { confidence: 0.5, confident: false, parts: null }),
  literal_ns: (s: TemplateSignals) => ({
    templateId: s.templateId,
    modelProbability: s.modelProbability,
    triggerWeight: s.triggerWeight,
    textMatch: s.textMatch,
    pastChoices: s.pastChoices,
    confidence: 0.5,
    confident: false,
    parts: null,
  }),
};

const requests26 = Array.from({ length: 200 }, () => signalsOf(26));
const requests1000 = Array.from({ length: 20 }, () => signalsOf(1000));
const labels = Array.from({ length: 77 }, (_, k) => `label_${k}`);
const loaded = {
  model: { labels, outOfScopeLabel: null },
  templateIds: labels.map((_, k) => id(k)),
};
const active = new Set(loaded.templateIds);
const scores = Array.from({ length: 200 }, () => {
  const p = Float64Array.from(labels, () => next() ** 6);
  const sum = p.reduce((a, b) => a + b, 0);
  return { p: p.map((x) => x / sum), knownWordShare: 0.9 };
});

const results: Record<string, number[]> = {};
const record = (name: string, value: number) => {
  results[name] ??= [];
  results[name].push(value);
};
for (let round = 0; round < rounds; round++) {
  for (const [name, build] of Object.entries(objectWays)) record(name, time(records, build, 1));
  record(
    "rank_26_signals_us",
    time(requests26, (s) => rankTemplates(s, basis, 3), 1e3),
  );
  record(
    "rank_1000_signals_us",
    time(requests1000, (s) => rankTemplates(s, basis, 3), 1e3),
  );
  record(
    "model_signals_77_labels_us",
    time(scores, (s) => modelSignals(loaded, s, (t) => active.has(t)), 1e3),
  );
}
console.log(
  JSON.stringify({ benchmark: "hot-path objects", node: process.version, calls, results }),
);
