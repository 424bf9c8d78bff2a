/**
 * The order training sees its examples and labels in, computed from their content alone.
 *
 * Why: the fit depends on order (the stratified split draws per label in label order, SGD walks
 * the rows in a seeded permutation of their positions). Labels are template ids — random UUIDs
 * — and examples arrive by (created_at, id), so before this the same data trained twice in two
 * workspaces gave two different models (BANKING77 full through `bench suggest`: top-1 0.9192 to
 * 0.9221 from run to run, same rows). Ordering by content makes training a function of the texts
 * and how they are grouped: the same examples under any label names, in any order, give the same
 * model (up to the names), bit for bit (canonical-order.test.ts).
 *
 * Labels are ordered by their sorted texts (joined), examples by (label, text). Strings compare
 * by UTF-16 code units, not locale, so the order is the same on every machine. Two labels with
 * exactly the same texts are indistinguishable to the model; they fall back to name order.
 */
import type { TrainingExample } from "./train";

export interface CanonicalOrder {
  /** Label names in training order. */
  labels: string[];
  /** Example positions in training order (a permutation of 0 … n − 1). */
  order: number[];
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function canonicalOrder(examples: readonly TrainingExample[]): CanonicalOrder {
  const textsOf = new Map<string, string[]>();
  for (const { label, text } of examples) {
    const texts = textsOf.get(label);
    if (texts) texts.push(text);
    else textsOf.set(label, [text]);
  }
  const keyed = [...textsOf].map(([label, texts]) => ({
    label,
    key: texts.sort(byCodeUnits).join("\u0000"),
  }));
  keyed.sort((a, b) => byCodeUnits(a.key, b.key) || byCodeUnits(a.label, b.label));
  const labels = keyed.map((k) => k.label);
  const rank = new Map(labels.map((label, i) => [label, i]));
  const order = examples.map((_, i) => i);
  order.sort((i, j) => {
    const a = examples[i] as TrainingExample;
    const b = examples[j] as TrainingExample;
    return (rank.get(a.label) ?? 0) - (rank.get(b.label) ?? 0) || byCodeUnits(a.text, b.text);
  });
  return { labels, order };
}
