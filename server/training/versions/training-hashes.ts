/**
 * The set of texts a model version was trained on, kept with the version as the 16-byte md5
 * digests of the normalised texts (exampleTextHash), sorted and without repeats: 160 KB for
 * BANKING77's 10,003 examples, against a 3.9 MB artefact. The analysis compares a run's
 * messages with it to say how much of an accuracy score is in-sample
 * (server/analysis/service/training-overlap.ts).
 */
import { exampleTextHash } from "@/server/training/examples/store";

const DIGEST_BYTES = 16;

export function packTextHashes(texts: readonly string[]): Uint8Array {
  return packDigests(texts.map(exampleTextHash));
}

/**
 * As packTextHashes, from exampleTextHash's hex digests: what `training_examples.text_hash`
 * already holds, so a training run packs its rows without hashing them again.
 */
export function packDigests(digests: readonly string[]): Uint8Array {
  const hexes = [...new Set(digests)].sort();
  const packed = new Uint8Array(hexes.length * DIGEST_BYTES);
  hexes.forEach((hex, i) => {
    packed.set(Buffer.from(hex, "hex"), i * DIGEST_BYTES);
  });
  return packed;
}

/** The digests as exampleTextHash's hex strings. */
export function unpackTextHashes(packed: Uint8Array): Set<string> {
  const bytes = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  const hashes = new Set<string>();
  for (let at = 0; at + DIGEST_BYTES <= bytes.length; at += DIGEST_BYTES) {
    hashes.add(bytes.toString("hex", at, at + DIGEST_BYTES));
  }
  return hashes;
}
