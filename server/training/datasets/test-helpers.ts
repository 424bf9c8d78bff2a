/** Test helpers: files and strings as chunked byte streams. */
import { createReadStream } from "node:fs";
import path from "node:path";
import { collect, type ParseOptions, parseDataset } from "./parse-dataset";

export const FIXTURES = path.join(import.meta.dirname, "fixtures");

/** `bytes` as chunks of `size` bytes, to exercise records that span chunks. */
export async function* chunked(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export const fromText = (text: string, size?: number) =>
  chunked(new TextEncoder().encode(text), size);

export function parseFixture(relative: string, options: ParseOptions = {}) {
  const file = path.join(FIXTURES, relative);
  const stream = createReadStream(file, { highWaterMark: 1024 });
  return collect(parseDataset(stream, { fileName: path.basename(file), ...options }));
}

export const parseText = (text: string, options: ParseOptions = {}, size?: number) =>
  collect(parseDataset(fromText(text, size), options));
