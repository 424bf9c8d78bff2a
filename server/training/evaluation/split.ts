/**
 * Stratified held-out split: each label gives round(count × fraction) of its rows to the
 * held-out part, but always keeps at least one row for training (a label with a single example
 * is trained on, never only tested). Labels are visited in sorted order and rows in input order,
 * with one seeded generator, so the same rows, labels and seed give the same split anywhere.
 */
import { seededRandom, shuffleInPlace } from "./random";

export interface SplitOptions {
  /** Share of each label's rows held out, in [0, 1). Default 0.2. */
  fraction: number;
  seed: number;
}

export interface Split {
  /** Row positions, ascending. */
  train: number[];
  heldOut: number[];
}

export function stratifiedSplit(
  labels: readonly string[],
  options: SplitOptions = { fraction: 0.2, seed: 1 },
): Split {
  if (!(options.fraction >= 0 && options.fraction < 1)) {
    throw new Error(`held-out fraction must be in [0, 1), got ${options.fraction}`);
  }
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const rows = byLabel.get(label);
    if (rows) rows.push(i);
    else byLabel.set(label, [i]);
  });
  const random = seededRandom(options.seed);
  const train: number[] = [];
  const heldOut: number[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const rows = shuffleInPlace([...(byLabel.get(label) ?? [])], random);
    const take = Math.min(rows.length - 1, Math.round(rows.length * options.fraction));
    heldOut.push(...rows.slice(0, Math.max(0, take)));
    train.push(...rows.slice(Math.max(0, take)));
  }
  train.sort((a, b) => a - b);
  heldOut.sort((a, b) => a - b);
  return { train, heldOut };
}
