import { describe, expect, it } from "vitest";
import { applyKnn, buildKnnIndex, decidedClass, knnVote, makeKnnPart, mixLogits } from "./knn";
import { predict, probabilities } from "./model";
import { predictBatch } from "./predict-batch";
import { deserializeModel, serializeModel } from "./serialize";
import { softmaxInPlace } from "./softmax";
import { fromRows } from "./sparse";
import { DEFAULT_TRAINING, type TrainingExample, trainModel } from "./train";

const row = (entries: Array<[number, number]>) => ({
  indices: Int32Array.from(entries.map(([i]) => i)),
  values: Float32Array.from(entries.map(([, v]) => v)),
});

// Four training rows in a 4-feature space (feature 3 plays a dense column: not sparse).
const matrix = fromRows(
  [
    row([[0, 1]]), // class 0, along e0
    row([
      [0, 3],
      [1, 4],
    ]), // class 1, cos with e0 = 0.6
    row([[1, 2]]), // class 1, along e1
    row([
      [2, 1],
      [3, 9],
    ]), // class 2, sparse part along e2 only
  ],
  4,
);
const index = buildKnnIndex(matrix, Int32Array.from([0, 1, 1, 2]), 3, 3);

describe("neighbour vote", () => {
  it("weights the k most similar rows by exp(cosine / τ)", () => {
    // Query along e0: cosines 1 (row 0), 0.6 (row 1), 0 (rows 2, 3); float32 norms: 7 digits.
    const vote = knnVote(index, row([[0, 5]]), { k: 2, tau: 0.5 });
    const w0 = Math.exp(1 / 0.5);
    const w1 = Math.exp(0.6 / 0.5);
    expect(vote?.[0]).toBeCloseTo(w0 / (w0 + w1), 7);
    expect(vote?.[1]).toBeCloseTo(w1 / (w0 + w1), 7);
    expect(vote?.[2]).toBe(0);
  });

  it("counts only the k nearest, and a large τ makes it a plain majority", () => {
    // Query (1, 1): cosines row 0 0.707, row 1 0.990, row 2 0.707 — k = 3, τ huge: 1/3 each row.
    const vote = knnVote(
      index,
      row([
        [0, 1],
        [1, 1],
      ]),
      { k: 3, tau: 1e9 },
    );
    expect(vote?.[0]).toBeCloseTo(1 / 3, 6);
    expect(vote?.[1]).toBeCloseTo(2 / 3, 6);
    const nearest = knnVote(
      index,
      row([
        [0, 1],
        [1, 1],
      ]),
      { k: 1, tau: 0.1 },
    );
    expect(Array.from(nearest ?? [])).toEqual([0, 1, 0]);
  });

  it("ignores columns past the sparse block and gives no vote without a shared feature", () => {
    // Row 3's dense column does not count: the query along e2 sees cosine 1 with row 3.
    const vote = knnVote(index, row([[2, 0.3]]), { k: 1, tau: 0.1 });
    expect(Array.from(vote ?? [])).toEqual([0, 0, 1]);
    expect(knnVote(index, row([[3, 1]]), { k: 2, tau: 0.1 })).toBeNull();
    expect(knnVote(index, row([]), { k: 2, tau: 0.1 })).toBeNull();
  });

  it("leaves features in more than maxDfFraction of the rows out of the search", () => {
    // Features 0 and 1 are in 2 of 4 rows each (> 0.4 × 4): only feature 2 is searched.
    const pruned = buildKnnIndex(matrix, Int32Array.from([0, 1, 1, 2]), 3, 3, 0.4);
    expect(knnVote(pruned, row([[0, 1]]), { k: 2, tau: 0.1 })).toBeNull();
    const vote = knnVote(
      pruned,
      row([
        [0, 1],
        [2, 1],
      ]),
      { k: 2, tau: 0.1 },
    );
    expect(Array.from(vote ?? [])).toEqual([0, 0, 1]);
    expect(pruned.postRows.length).toBe(1);
  });

  it("finds the same neighbours as a brute-force cosine over long posting lists", () => {
    // 41 rows, 9 features with 0–40 postings each (every length mod 4, so the search's
    // four-at-a-time loop and its tail both run), seeded.
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const rows = Array.from({ length: 41 }, () =>
      row(
        Array.from({ length: 9 }, (_, f): [number, number] => [f, random()]).filter(
          ([f]) => random() < (f + 1) / 10,
        ),
      ),
    );
    const labels = Int32Array.from(rows.map((_, r) => r % 5));
    const wide = buildKnnIndex(fromRows(rows, 9), labels, 5, 9);
    const lengths = Array.from(
      { length: 9 },
      (_, f) => (wide.postPtr[f + 1] ?? 0) - (wide.postPtr[f] ?? 0),
    );
    expect(new Set(lengths.map((n) => n % 4)).size).toBe(4);
    const cosine = (a: ReturnType<typeof row>, b: ReturnType<typeof row>) => {
      const dense = (x: ReturnType<typeof row>) => {
        const out = new Float64Array(9);
        x.indices.forEach((f, j) => {
          out[f] = x.values[j] ?? 0;
        });
        return out;
      };
      const [u, v] = [dense(a), dense(b)];
      const dot = u.reduce((sum, x, f) => sum + x * (v[f] ?? 0), 0);
      const norm = (w: Float64Array) => Math.sqrt(w.reduce((sum, x) => sum + x * x, 0));
      return dot / (norm(u) * norm(v) || 1);
    };
    for (let q = 0; q < 20; q++) {
      const query = row(Array.from({ length: 9 }, (_, f): [number, number] => [f, random()]));
      const k = 6;
      const tau = 0.05;
      const sims = rows.map((x) => cosine(query, x)).map((sim, r) => ({ sim, r }));
      const nearest = sims.sort((a, b) => b.sim - a.sim).slice(0, k);
      const expected = new Float64Array(5);
      const best = nearest[0]?.sim ?? 0;
      for (const { sim, r } of nearest)
        expected[r % 5] = (expected[r % 5] ?? 0) + Math.exp((sim - best) / tau);
      const sum = expected.reduce((a, b) => a + b, 0);
      const vote = knnVote(wide, query, { k, tau });
      for (const [c, w] of expected.entries()) expect(vote?.[c]).toBeCloseTo(w / sum, 4);
    }
  });

  it("calls a class decided only when no vote could take the top-1 from it", () => {
    // β 0.2: decided when 0.8·(p₁ − p₂) > 0.2, i.e. a lead of more than 0.25.
    expect(decidedClass(Float64Array.from([0.1, 0.6, 0.3]), 0.2)).toBe(1); // lead 0.3
    expect(decidedClass(Float64Array.from([0.35, 0.6, 0.05]), 0.2)).toBe(-1); // lead 0.25
    expect(decidedClass(Float64Array.from([0.5, 0.5]), 0.01)).toBe(-1); // a tie searches
    expect(decidedClass(Float64Array.from([0.9, 0.1]), 1)).toBe(-1); // the vote alone
  });

  it("skips the search for decided rows without changing any top-1 (seeded, against the full vote)", () => {
    // 60 rows in 3 classes over 12 features; queries whose softmax ranges from flat to peaked.
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const sparse = () =>
      row(
        Array.from({ length: 12 }, (_, f): [number, number] => [f, random()]).filter(
          () => random() < 0.4,
        ),
      );
    const rows = Array.from({ length: 60 }, sparse);
    const labels = Int32Array.from(rows.map((_, r) => r % 3));
    const part = (skipDecided: boolean) =>
      makeKnnPart(
        { k: 5, tau: 0.05, beta: 0.2, skipDecided },
        rows.map(() => ""),
        labels,
        fromRows(rows, 12),
        3,
        12,
      );
    const [full, skipping] = [part(false), part(true)];
    const argmax = (z: Float64Array) => z.indexOf(Math.max(...z));
    let decided = 0;
    for (let q = 0; q < 200; q++) {
      const query = sparse();
      const logits = Float64Array.from({ length: 3 }, () => (random() - 0.5) * 8);
      const a = Float64Array.from(logits);
      const b = Float64Array.from(logits);
      applyKnn(full, query, a);
      applyKnn(skipping, query, b);
      expect(argmax(b)).toBe(argmax(a));
      const p = Float64Array.from(logits);
      softmaxInPlace(p, 1);
      const top = decidedClass(p, 0.2);
      if (top >= 0) {
        decided++;
        // The vote taken as all for the decided class: (1 − β)·p + β at the top, (1 − β)·p elsewhere.
        expect(Math.exp(b[top] ?? 0)).toBeCloseTo(0.8 * (p[top] ?? 0) + 0.2, 12);
      } else for (const [c, v] of a.entries()) expect(b[c]).toBe(v); // searched: the same numbers
    }
    // Both kinds of row occur.
    expect(decided).toBeGreaterThan(20);
    expect(decided).toBeLessThan(180);
  });

  it("mixes (1 − β)·p + β·vote, returned as log-probabilities", () => {
    const p = Float64Array.from([0.7, 0.2, 0.1]);
    const z = mixLogits(p, Float64Array.from([0, 1, 0]), 0.25);
    softmaxInPlace(z, 1);
    expect(z[0]).toBeCloseTo(0.525, 12);
    expect(z[1]).toBeCloseTo(0.4, 12);
    expect(z[2]).toBeCloseTo(0.075, 12);
    const alone = mixLogits(p, null, 0.25);
    softmaxInPlace(alone, 1);
    expect(alone[0]).toBeCloseTo(0.7, 12);
  });
});

const phrasings: Record<string, string[]> = {
  card_lost: [
    "I lost my card",
    "my card was stolen",
    "someone stole my card yesterday",
    "I can't find my card anywhere",
    "lost card, please block it",
    "I think I lost my debit card",
  ],
  refund: [
    "I want a refund",
    "please refund my order",
    "how do I get my money back",
    "refund the purchase I returned",
    "when will my refund arrive",
    "request a refund please",
  ],
  password: [
    "I forgot my password",
    "reset my password",
    "I can't log in, password wrong",
    "password reset link not working",
    "my password expired",
    "change the password on my account",
  ],
};
const examples: TrainingExample[] = Object.entries(phrasings).flatMap(([label, texts]) =>
  texts.map((text) => ({ text, label })),
);
const knnConfig = {
  ...DEFAULT_TRAINING,
  epochs: 20,
  knn: { k: 3, tau: 0.05, beta: 0.5, minPerLabel: 1 },
};

describe("a model with the neighbour part", () => {
  const model = trainModel(examples, knnConfig);

  it("votes with every training row after the re-fit, and its probabilities sum to 1", () => {
    expect(model.knn?.index.rows).toBe(examples.length);
    for (const text of ["lost card", "refund please", "qwzx", ""]) {
      const p = probabilities(model, text);
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
    }
    expect(predict(model, "someone stole my card").candidates[0]?.label).toBe("card_lost");
  });

  it("moves probability towards the nearest example's label", () => {
    const without = { ...model, knn: undefined };
    const text = "my password expired";
    const k = model.labels.indexOf("password");
    expect(probabilities(model, text)[k]).toBeGreaterThan(probabilities(without, text)[k] ?? 1);
  });

  it("round-trips through the artefact (format 2) with the same predictions", () => {
    const bytes = serializeModel(model, "f32");
    const loaded = deserializeModel(bytes);
    expect(loaded.knn?.options).toEqual({ k: 3, tau: 0.05, beta: 0.5 });
    // Settings written by a newer training (skipDecided) come back too.
    const skipping = trainModel(examples, {
      ...knnConfig,
      knn: { ...knnConfig.knn, skipDecided: true },
    });
    expect(deserializeModel(serializeModel(skipping)).knn?.options).toEqual({
      k: 3,
      tau: 0.05,
      beta: 0.5,
      skipDecided: true,
    });
    for (const text of ["lost card", "refund please", "forgot password", "qwzx"]) {
      const a = probabilities(model, text);
      const b = probabilities(loaded, text);
      for (const [i, v] of a.entries()) expect(b[i]).toBeCloseTo(v, 6);
    }
  });

  it("gives the same predictions in a batch", () => {
    const texts = ["lost card", "refund please", "forgot password", "qwzx"];
    const batch = predictBatch(model, texts).predictions;
    texts.forEach((text, i) => {
      const one = predict(model, text);
      expect(batch[i]?.candidates.map((c) => c.label)).toEqual(one.candidates.map((c) => c.label));
      expect(batch[i]?.topProbability).toBeCloseTo(one.topProbability, 9);
    });
  });

  it("is off below minPerLabel, and such a model is still written as format 1", () => {
    const plain = trainModel(examples, { ...knnConfig, knn: { ...knnConfig.knn, minPerLabel: 7 } });
    expect(plain.knn).toBeUndefined();
    const bytes = serializeModel(plain);
    const json = new TextDecoder().decode(bytes.subarray(12, 12 + 40));
    expect(json.startsWith('{"format":1,')).toBe(true);
    expect(deserializeModel(bytes).knn).toBeUndefined();
  });
});
