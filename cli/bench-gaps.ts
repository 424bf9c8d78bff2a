/**
 * `npm run cli -- bench gaps --train <csv> --test <csv> --holdout-labels a,b,… [--scale N] --json`
 *
 * Trains the product's intent model (trainModel, in-process) on the train rows minus the held-out
 * labels, predicts every test row, runs the product's gap detection (server/analysis/gaps.ts) over
 * them, and scores: a held-out label is found when a strict majority of some gap's messages carry
 * it. `--scale N` also times prediction + gap detection over N messages made from the test rows
 * (cycled, each copy perturbed: a word dropped or two words swapped), the size of a large inbox.
 */
import { readFile } from "node:fs/promises";
import { type AnalysedMessage, detectGaps } from "@/server/analysis/gaps";
import { scoreHoldout } from "@/server/analysis/holdout-score";
import { seededRandom } from "@/server/analysis/kmeans";
import { loadWordVectors } from "@/server/training/model/embeddings";
import { type IntentModel, predict } from "@/server/training/model/model";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { readLabelledCsv } from "@/server/training/service/labelled-csv";

export type BenchGapsOptions = {
  train: string;
  test: string;
  textCol: string;
  labelCol: string;
  holdout: string[];
  scale: number;
};

function analyse(model: IntentModel, texts: readonly string[]): AnalysedMessage[] {
  return texts.map((text, i) => {
    const p = predict(model, text, 1);
    return {
      id: String(i),
      text,
      confident: p.confident,
      topProbability: p.topProbability,
      topLabel: p.candidates[0]?.label ?? null,
      at: null,
    };
  });
}

/** A word dropped or two neighbours swapped (texts under 3 words unchanged). */
export function perturb(text: string, random: () => number): string {
  const words = text.split(/\s+/);
  if (words.length < 3) return text;
  const i = Math.floor(random() * words.length);
  if (random() < 0.5) words.splice(i, 1);
  else {
    const j = Math.min(words.length - 1, i + 1);
    [words[i], words[j]] = [words[j] as string, words[i] as string];
  }
  return words.join(" ");
}

/** `n` messages made from `texts` (cycled, each copy perturbed; seeded: the same every run). */
export function scaledTexts(texts: readonly string[], n: number, seed = 99): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => perturb(texts[i % texts.length] ?? "", random));
}

export async function benchGaps(options: BenchGapsOptions) {
  const train = readLabelledCsv(
    await readFile(options.train, "utf8"),
    options.textCol,
    options.labelCol,
  );
  const test = readLabelledCsv(
    await readFile(options.test, "utf8"),
    options.textCol,
    options.labelCol,
  );
  const known = new Set(train.map((r) => r.label));
  const unknown = options.holdout.filter((l) => !known.has(l));
  if (unknown.length > 0) throw new Error(`not labels of the training file: ${unknown.join(", ")}`);
  const holdout = new Set(options.holdout);
  const embeddings = loadWordVectors();
  const trainStarted = performance.now();
  const model = trainModel(
    train.filter((r) => !holdout.has(r.label)),
    DEFAULT_TRAINING,
    { embeddings },
  );
  const trainSeconds = (performance.now() - trainStarted) / 1000;
  const started = performance.now();
  const messages = analyse(
    model,
    test.map((r) => r.text),
  );
  const detection = detectGaps(messages, undefined, embeddings);
  const seconds = (performance.now() - started) / 1000;
  const score = scoreHoldout(
    detection.gaps,
    options.holdout,
    (id) => test[Number(id)]?.label ?? "",
  );
  const result = {
    train_rows: train.length - train.filter((r) => holdout.has(r.label)).length,
    test_rows: test.length,
    unconfident: detection.unconfident,
    ...score,
    gaps: detection.gaps.length,
    seconds: Math.round(seconds * 100) / 100,
    train_seconds: Math.round(trainSeconds * 10) / 10,
    top_gaps: detection.gaps.slice(0, 12).map((g) => ({
      size: g.size,
      severity: g.severity,
      key_phrases: g.keyPhrases,
      majority: majority(g.messageIds.map((id) => test[Number(id)]?.label ?? "")),
    })),
  };
  if (options.scale <= 0) return result;
  const texts = scaledTexts(
    test.map((r) => r.text),
    options.scale,
  );
  const scaleStarted = performance.now();
  const scaled = analyse(model, texts);
  const predictSeconds = (performance.now() - scaleStarted) / 1000;
  const scaledDetection = detectGaps(scaled, undefined, embeddings);
  const scaleSeconds = (performance.now() - scaleStarted) / 1000;
  return {
    ...result,
    scale: {
      messages: options.scale,
      unconfident: scaledDetection.unconfident,
      gaps: scaledDetection.gaps.length,
      predict_seconds: Math.round(predictSeconds * 10) / 10,
      seconds: Math.round(scaleSeconds * 10) / 10,
    },
  };
}

function majority(labels: string[]): string | null {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  for (const [label, count] of counts) if (count * 2 > labels.length) return label;
  return null;
}
