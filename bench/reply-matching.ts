/**
 * Measures reply-to-template matching (server/training/datasets/reply-matcher.ts) on Bitext's
 * customer-support set: each row is a conversation (instruction = customer, response = agent
 * reply), parsed by the dataset parser as a conversations CSV; each reply is matched against
 * the demo templates (db/demo/templates.json). Truth: the row's intent, whose demo template is
 * named in scripts/demo-template-texts.ts. Prints one JSON object; not a test.
 *
 *   npx tsx bench/reply-matching.ts [--file path.csv] [--every 1]
 */
import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEMO_TEXTS } from "@/scripts/demo-template-texts";
import { conversationPairs } from "@/server/training/datasets/examples";
import { collect, parseDataset } from "@/server/training/datasets/parse-dataset";
import {
  DEFAULT_REPLY_MARGIN,
  DEFAULT_REPLY_THRESHOLD,
  makeReplyMatcher,
} from "@/server/training/datasets/reply-matcher";
import type { FeaturizerConfig } from "@/server/training/model/featurize";

const { values } = parseArgs({
  options: {
    file: {
      type: "string",
      default: "../shared/datasets/bitext-customer-support/bitext_cs_train_v_2023-08-18.csv",
    },
    every: { type: "string", default: "1" },
    idf: { type: "string", default: "replies" },
    featurizer: { type: "string", default: "{}" },
  },
});
const file = path.resolve(values.file);
const every = Number(values.every);

const open = (format: "labelled-csv" | "conversations-csv") =>
  collect(parseDataset(createReadStream(file), { fileName: path.basename(file), format }));

const started = performance.now();
const labelled = await open("labelled-csv");
const conversations = await open("conversations-csv");
const parseMs = performance.now() - started;
const intentByLine = new Map(
  labelled.rows.map((r) => [r.line, r.row.kind === "example" ? r.row.label : ""]),
);
const pairs = conversationPairs(conversations.rows).filter((_, i) => i % every === 0);

const templates = (
  JSON.parse(readFileSync("db/demo/templates.json", "utf8")) as {
    templates: { name: string; content: string }[];
  }
).templates;
// idf from the templates plus every 20th reply: words every reply uses ("assist", "understand")
// weigh little. --idf templates learns it from the templates alone.
const idfTexts =
  values.idf === "replies" ? pairs.filter((_, i) => i % 20 === 0).map((p) => p.reply) : [];
const matcher = makeReplyMatcher(
  templates.map((t) => ({ id: t.name, content: t.content })),
  { idfTexts, featurizer: JSON.parse(values.featurizer) as Partial<FeaturizerConfig> },
);

const matchStarted = performance.now();
const scored = pairs.map((pair) => {
  const intent = intentByLine.get(pair.line) ?? "";
  const best = matcher.best(pair.reply);
  return { intent, truth: DEMO_TEXTS[intent]?.name ?? null, best };
});
const matchMs = performance.now() - matchStarted;

const round = (n: number) => Math.round(n * 1000) / 1000;
const at = (threshold: number, margin = 0) => {
  const used = scored.filter((s) => s.best && s.best.score >= threshold && s.best.margin >= margin);
  const correct = used.filter((s) => s.best?.templateId === s.truth).length;
  return {
    threshold,
    margin,
    messages: scored.length,
    yielded: used.length,
    yield_share: round(used.length / scored.length),
    correct,
    precision: round(used.length ? correct / used.length : 0),
  };
};

const perIntent = Object.keys(DEMO_TEXTS).map((intent) => {
  const own = scored.filter((s) => s.intent === intent);
  const used = own.filter(
    (s) =>
      s.best && s.best.score >= DEFAULT_REPLY_THRESHOLD && s.best.margin >= DEFAULT_REPLY_MARGIN,
  );
  return {
    intent,
    messages: own.length,
    yielded: used.length,
    correct: used.filter((s) => s.best?.templateId === s.truth).length,
  };
});

console.log(
  JSON.stringify({
    file: path.basename(file),
    parse: {
      rows: conversations.outcome.rows,
      errors: conversations.outcome.errorCount,
      duplicates: conversations.outcome.duplicates,
      ms: Math.round(parseMs),
    },
    templates: templates.length,
    idf: values.idf,
    featurizer: JSON.parse(values.featurizer) as unknown,
    pairs: scored.length,
    without_demo_template: scored.filter((s) => !s.truth).length,
    match_ms: Math.round(matchMs),
    chosen: at(DEFAULT_REPLY_THRESHOLD, DEFAULT_REPLY_MARGIN),
    sweep: [0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6].map((t) => at(t)),
    // Alternative rule, reported for comparison: the winner's lead over the runner-up.
    margin_sweep: [0, 0.15, 0.2, 0.25].flatMap((t) => [0.04, 0.06, 0.08].map((m) => at(t, m))),
    per_intent: perIntent,
  }),
);
