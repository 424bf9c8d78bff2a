import { describe, expect, it } from "vitest";
import { loadWordVectors } from "./embeddings";
import { DEFAULT_FEATURIZER, type FeaturizerConfig, fitFeaturizer } from "./featurize";
import { fitFeaturizerFromTokens } from "./featurize-fit-tokens";
import {
  tokenFeaturizer,
  tokenTransform,
  transformTokenLists,
  wordCharGrams,
} from "./featurize-tokens";
import { banking77Slice } from "./fixtures/banking77-slice";
import { normalizeText, tokenize } from "./normalize";
import { countTerms } from "./terms";

const texts = banking77Slice()
  .map((row) => row.text)
  .concat(["", "?!", "card card card", "I can't use my card's PIN at the ATM, id AB12345"]);
const tokens = texts.map((t) => tokenize(normalizeText(t)));

/** The clustering featuriser's settings (server/analysis/vectors.ts) and the model's defaults. */
const CONFIGS: Record<string, FeaturizerConfig> = {
  clustering: {
    ...DEFAULT_FEATURIZER,
    minDf: 2,
    maxWordFeatures: 800,
    maxCharFeatures: 1_500,
    charNgrams: [3, 5],
    charWeight: 0.6,
    embeddingWeight: 0,
  },
  model: { ...DEFAULT_FEATURIZER, embeddingWeight: 0 },
  "word 1-3, no chars": {
    ...DEFAULT_FEATURIZER,
    wordNgrams: [1, 3],
    charNgrams: [0, 0],
    embeddingWeight: 0,
  },
};

describe("wordCharGrams", () => {
  it("gives a word's char_wb n-grams as countTerms counts them", () => {
    const grams = wordCharGrams("card", [2, 5]);
    const counted = countTerms(["card"], { wordNgrams: [1, 1], charNgrams: [2, 5] }).chars;
    expect(grams.length).toBe([...counted.values()].reduce((s, n) => s + n, 0));
    expect(new Set(grams)).toEqual(new Set(counted.keys()));
    expect(wordCharGrams("a", [3, 5])).toEqual([" a "]);
  });
});

describe("fitFeaturizerFromTokens", () => {
  for (const [name, config] of Object.entries(CONFIGS)) {
    it(`fits the same vocabulary and idf as fitFeaturizer on the texts (${name})`, () => {
      const fromTexts = fitFeaturizer(texts, config);
      const fromTokens = fitFeaturizerFromTokens(tokens, config);
      expect(fromTokens.state.terms).toEqual(fromTexts.state.terms);
      expect(fromTokens.state.wordCount).toBe(fromTexts.state.wordCount);
      expect(Array.from(fromTokens.state.idf)).toEqual(Array.from(fromTexts.state.idf));
      expect(fromTokens.dimension).toBe(fromTexts.dimension);
      expect(fromTokens.state.terms.length).toBeGreaterThan(100);
    }, 60_000);
  }

  it("refuses what it does not implement", () => {
    expect(() =>
      fitFeaturizerFromTokens(tokens, { ...DEFAULT_FEATURIZER, embeddingWeight: 1 }),
    ).toThrow(/word vectors/);
  });
});

describe("tokenTransform", () => {
  const hashing: FeaturizerConfig = { ...DEFAULT_FEATURIZER, mode: "hashing", hashBits: 12 };
  const spanning: FeaturizerConfig = {
    ...DEFAULT_FEATURIZER,
    charMode: "char",
    embeddingWeight: 0,
  };
  const cases: [string, FeaturizerConfig][] = [
    ...Object.entries(CONFIGS),
    ["hashing with word vectors", hashing],
    ["char n-grams across words", spanning],
    [
      "vocabulary with word vectors (mean pooling)",
      { ...DEFAULT_FEATURIZER, embeddingPooling: "mean" },
    ],
  ];
  for (const [name, config] of cases) {
    it(`gives transform(text)'s row bit for bit (${name})`, () => {
      const embeddings = loadWordVectors();
      const featurizer = fitFeaturizer(texts, config, embeddings);
      const transform = tokenTransform(featurizer, embeddings);
      const packed = transformTokenLists(featurizer, tokens, embeddings);
      expect(packed).toHaveLength(texts.length);
      texts.forEach((text, i) => {
        const expected = featurizer.transform(text);
        for (const row of [transform(tokens[i] as string[]), packed[i]]) {
          expect(Array.from(row?.indices ?? [])).toEqual(Array.from(expected.indices));
          expect(Array.from(row?.values ?? [])).toEqual(Array.from(expected.values));
        }
      });
    }, 60_000);
  }
});

describe("TokenFeaturizer.fill with sparseOnly", () => {
  it("gives the row's n-gram columns without the pooled word vectors, and the next full row is whole", () => {
    const embeddings = loadWordVectors();
    const config: FeaturizerConfig = { ...DEFAULT_FEATURIZER, embeddingWeight: 0.5 };
    const featurizer = fitFeaturizer(texts, config, embeddings);
    const fast = tokenFeaturizer(featurizer, embeddings);
    const sparseCount = featurizer.state.sparseCount;
    let pooledSkipped = 0;
    texts.forEach((text, i) => {
      const expected = featurizer.transform(text);
      const sparse = Array.from(expected.indices).filter((column) => column < sparseCount).length;
      pooledSkipped += expected.indices.length - sparse;
      const n = fast.fill(tokens[i] as string[], { sparseOnly: true });
      expect(Array.from(fast.out.indices.subarray(0, n))).toEqual(
        Array.from(expected.indices.subarray(0, sparse)),
      );
      expect(Array.from(fast.out.values.subarray(0, n))).toEqual(
        Array.from(expected.values.subarray(0, sparse)),
      );
      const whole = fast.fill(tokens[i] as string[]);
      expect(Array.from(fast.out.values.subarray(0, whole))).toEqual(Array.from(expected.values));
    });
    expect(pooledSkipped).toBeGreaterThan(0);
  }, 60_000);
});
