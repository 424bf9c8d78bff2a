import { describe, expect, it } from "vitest";
import { loadWordVectors } from "./embeddings";
import {
  DEFAULT_FEATURIZER,
  type FeaturizerConfig,
  fitFeaturizer,
  MODEL_TEXT_LIMIT,
} from "./featurize";
import { normalizeText, tokenize } from "./normalize";
import { countTerms, hashTerm } from "./terms";

const plain: FeaturizerConfig = {
  ...DEFAULT_FEATURIZER,
  normalize: { expandContractions: false, placeholders: false },
  embeddingWeight: 0,
};

describe("normalizeText", () => {
  it("applies NFKC, lower-cases and expands contractions", () => {
    expect(normalizeText("ＣＡＲＤ I Can’t")).toBe("card i can not");
    expect(normalizeText("It's my card's pin, you've got it, I'm sure")).toBe(
      "it is my card pin, you have got it, i am sure",
    );
    expect(normalizeText("dont cant wont")).toBe("do not can not wont");
  });

  it("replaces URLs, e-mails, ids and numbers by placeholders", () => {
    expect(normalizeText("see https://x.io/a?b=1 or mail a.b@c.com")).toBe(
      "see  urltoken  or mail  emailtoken ",
    );
    expect(tokenize(normalizeText("order 113542617735902 cost 25.50, code AB12345"))).toEqual([
      "order",
      "idtoken",
      "cost",
      "numtoken",
      "code",
      "idtoken",
    ]);
  });

  it("keeps the text when placeholders and contractions are off", () => {
    expect(normalizeText("Can't pay 25", { expandContractions: false, placeholders: false })).toBe(
      "can't pay 25",
    );
  });
});

describe("countTerms", () => {
  it("counts word 1–2-grams and char_wb n-grams inside padded words", () => {
    const { words, chars } = countTerms(["my", "card", "my"], {
      wordNgrams: [1, 2],
      charNgrams: [2, 3],
    });
    expect(Object.fromEntries(words)).toEqual({ my: 2, card: 1, "my card": 1, "card my": 1 });
    // " my " gives " m","my","y " and " my","my "; twice.
    expect(chars.get(" m")).toBe(2);
    expect(chars.get("my ")).toBe(2);
    expect(chars.get("car")).toBe(1);
    expect(chars.get("d ")).toBe(1);
    expect(chars.has("y c")).toBe(false); // never across words
  });

  it("counts char n-grams across words in char mode", () => {
    const { chars } = countTerms(["my", "card"], {
      wordNgrams: [1, 1],
      charNgrams: [3, 3],
      charMode: "char",
    });
    expect(Object.fromEntries(chars)).toEqual({
      " my": 1,
      "my ": 1,
      "y c": 1,
      " ca": 1,
      car: 1,
      ard: 1,
      "rd ": 1,
    });
  });

  it("counts a word shorter than n once, like scikit-learn's char_wb", () => {
    const { chars } = countTerms(["a"], { wordNgrams: [1, 1], charNgrams: [2, 5] });
    expect(Object.fromEntries(chars)).toEqual({ " a": 1, "a ": 1, " a ": 1 });
  });

  it("hashes deterministically (FNV-1a reference values)", () => {
    expect(hashTerm("")).toBe(0x811c9dc5);
    expect(hashTerm("a")).toBe(0xe40c292c);
  });
});

describe("fitFeaturizer", () => {
  const texts = ["card lost", "card arrived", "refund please"];
  const config: FeaturizerConfig = { ...plain, wordNgrams: [1, 1], charNgrams: [0, 0] };

  it("uses smoothed idf ln((1+n)/(1+df))+1 and L2-normalised rows", () => {
    const f = fitFeaturizer(texts, config);
    const idfOf = (term: string) => f.state.idf[f.state.terms.indexOf(term)];
    expect(idfOf("card")).toBeCloseTo(Math.log(4 / 3) + 1, 6);
    expect(idfOf("lost")).toBeCloseTo(Math.log(4 / 2) + 1, 6);
    const row = f.transform("card card lost unknown");
    let norm = 0;
    for (const v of row.values) norm += v * v;
    expect(norm).toBeCloseTo(1, 6);
    // Sublinear tf: "card" twice weighs (1 + ln 2)·idf against 1·idf for "lost".
    const card = row.values[[...row.indices].indexOf(f.state.terms.indexOf("card"))] ?? 0;
    const lost = row.values[[...row.indices].indexOf(f.state.terms.indexOf("lost"))] ?? 0;
    expect(card / lost).toBeCloseTo(
      ((1 + Math.log(2)) * (Math.log(4 / 3) + 1)) / (Math.log(2) + 1),
      5,
    );
  });

  it("prunes by document frequency and caps each block", () => {
    const f = fitFeaturizer(texts, { ...config, minDf: 2 });
    expect(f.state.terms).toEqual(["card"]);
    const capped = fitFeaturizer(texts, { ...config, maxWordFeatures: 2 });
    expect(capped.state.terms).toEqual(["card", "arrived"]); // most frequent, then alphabetical
  });

  it("hashing mode gives every text features without a vocabulary", () => {
    const f = fitFeaturizer(texts, { ...plain, mode: "hashing", hashBits: 10 });
    expect(f.state.terms).toEqual([]);
    expect(f.dimension).toBe(1024);
    const row = f.transform("card lost");
    expect(row.indices.length).toBeGreaterThan(5);
    expect(Math.max(...row.indices)).toBeLessThan(1024);
  });

  it(`reads a text's first ${MODEL_TEXT_LIMIT} characters, in fitting and in transforming`, () => {
    const request = "refund please ";
    const filler = " ".repeat(MODEL_TEXT_LIMIT - request.length);
    const quotedThread = " card lost".repeat(500);
    const f = fitFeaturizer([`${request}${filler}${quotedThread}`, "card arrived"], config);
    // "lost" appears only past the limit: not in the vocabulary, and not in the row.
    expect(f.state.terms).not.toContain("lost");
    const row = f.transform(`${request}${filler}${quotedThread}`);
    expect([...row.indices].map((i) => f.state.terms[i]).sort()).toEqual(["please", "refund"]);
    expect(f.transform(`${request}${filler}${quotedThread}`)).toEqual(f.transform(request));
  });

  it("an empty or unknown text gives an empty row", () => {
    const f = fitFeaturizer(texts, config);
    expect(f.transform("").indices.length).toBe(0);
    expect(f.transform("zzz").indices.length).toBe(0);
  });

  it("mean pooling keeps only the mean block of the word vectors", () => {
    const vectors = loadWordVectors();
    const both = fitFeaturizer(texts, { ...plain, embeddingWeight: 1 }, vectors);
    const mean = fitFeaturizer(
      texts,
      { ...plain, embeddingWeight: 1, embeddingPooling: "mean" },
      vectors,
    );
    expect(both.dimension).toBe(both.state.sparseCount + 2 * vectors.dims);
    expect(mean.dimension).toBe(mean.state.sparseCount + vectors.dims);
    const a = both.transform("my card is lost");
    const b = mean.transform("my card is lost");
    // The same row with the max-pooled block dropped.
    expect(b.indices.length).toBe(a.indices.length - vectors.dims);
    expect([...b.values]).toEqual([...a.values.slice(0, b.values.length)]);
  });
});
