import { describe, expect, it } from "vitest";
import { canonicalOrder } from "./canonical-order";
import { relabelModel } from "./relabel";
import { serializeModel } from "./serialize";
import { DEFAULT_TRAINING, type TrainingConfig, type TrainingExample, trainModel } from "./train";

const TOPICS = {
  refund: ["refund", "money back", "return the payment", "reimburse"],
  card: ["card", "debit card", "new card", "card arrived"],
  password: ["password", "log in", "reset my password", "locked out"],
  delivery: ["parcel", "delivery", "shipping", "tracking number"],
};
const OPENERS = ["hi,", "hello", "please help:", "question about", "urgent -", "hey"];
const TAILS = ["today", "for my account", "asap", "thanks", "again", "since monday", "?"];

const examples: TrainingExample[] = Object.entries(TOPICS).flatMap(([label, phrases]) =>
  Array.from({ length: 24 }, (_, i) => ({
    label,
    text: `${OPENERS[i % OPENERS.length]} ${phrases[i % phrases.length]} ${TAILS[(i * 5) % TAILS.length]}`,
  })),
);

/** The same examples in another order and under UUID-like names that sort differently. */
const renamed: Record<string, string> = {
  refund: "f3c1-template",
  card: "0a9e-template",
  password: "c71b-template",
  delivery: "5d20-template",
};
const back = Object.fromEntries(Object.entries(renamed).map(([name, id]) => [id, name]));
function shuffled<T>(items: readonly T[]): T[] {
  // A fixed permutation: every 7th position, wrapping (7 is coprime with 96).
  return items.map((_, i) => items[(i * 7) % items.length] as T);
}
const disguised = shuffled(examples).map((e) => ({ ...e, label: renamed[e.label] ?? e.label }));

const config: TrainingConfig = {
  ...DEFAULT_TRAINING,
  epochs: 6,
  wordVectorsBelowPerLabel: 0,
  // The neighbour vote on (it indexes rows in training order) so the test covers it too.
  knn: { k: 5, tau: 0.05, beta: 0.2, maxDfFraction: 0.3, minPerLabel: 10 },
};
/** The artefact without the one run-to-run difference, the measured training time. */
const artefact = (model: ReturnType<typeof trainModel>) =>
  serializeModel({ ...model, metrics: { ...model.metrics, trainSeconds: 0 } });

describe("canonical training order", () => {
  it("orders labels and examples by content, whatever their names and input order", () => {
    const a = canonicalOrder(examples);
    const b = canonicalOrder(disguised);
    expect(b.labels.map((id) => back[id])).toEqual(a.labels);
    expect(b.order.map((i) => disguised[i]?.text)).toEqual(a.order.map((i) => examples[i]?.text));
    expect([...a.order].sort((x, y) => x - y)).toEqual(examples.map((_, i) => i));
  });

  it("trains the same model from renamed, reordered examples, byte for byte", () => {
    const plain = trainModel(examples, config);
    const other = trainModel(disguised, config);
    expect(plain.knn).toBeDefined();
    expect(other.labels).not.toEqual(plain.labels);
    expect(artefact(relabelModel(other, (id) => back[id] ?? id))).toEqual(artefact(plain));
  });

  it("keeps each provider vector with its example when reordering", () => {
    // Vectors that identify the label: a model trained on them must still separate the labels
    // after the examples are reordered, and equal the model trained in the original order.
    const names = Object.keys(TOPICS);
    const vectorOf = (label: string) => names.map((n) => (n === label ? 1 : 0));
    const dense = (rows: TrainingExample[], name: (label: string) => string) => ({
      model: "mock/embed",
      vectors: rows.map((e) => vectorOf(name(e.label))),
    });
    const plain = trainModel(examples, config, { extraDense: dense(examples, (l) => l) });
    const other = trainModel(disguised, config, {
      extraDense: dense(disguised, (id) => back[id] ?? id),
    });
    expect(artefact(relabelModel(other, (id) => back[id] ?? id))).toEqual(artefact(plain));
  });
});
