/**
 * Bytes to text, streaming: sniff the first 64 KB for binaries and the encoding, then decode
 * chunk by chunk while counting bytes (size limit) and hashing them (sha256, to spot the same
 * file uploaded twice). Nothing but the current chunk and the head is held in memory.
 */
import { createHash } from "node:crypto";
import { DatasetError, type Encoding } from "./types";

const HEAD_BYTES = 64 * 1024;

export interface ByteStats {
  bytes: number;
  /** Set once the whole file has been read. */
  sha256: string | null;
}

export interface DecodedText {
  encoding: Encoding;
  /** The decoded head (first ≤ 64 KB), for format detection. */
  head: string;
  /** All the text, head included, as decoded chunks. */
  chunks: AsyncGenerator<string>;
  stats: ByteStats;
}

const MAGIC: [string, number[]][] = [
  ["a zip archive (or an Office document)", [0x50, 0x4b, 0x03, 0x04]],
  ["a zip archive", [0x50, 0x4b, 0x05, 0x06]],
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a PDF document", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a gzip archive", [0x1f, 0x8b]],
  ["a 7-zip archive", [0x37, 0x7a, 0xbc, 0xaf]],
  ["an old Excel/Word file", [0xd0, 0xcf, 0x11, 0xe0]],
];

const startsWith = (bytes: Uint8Array, prefix: number[]) =>
  prefix.every((byte, i) => bytes[i] === byte);

/** Which binary `head` is, or null when it may be text. */
export function binaryKind(head: Uint8Array): string | null {
  for (const [name, magic] of MAGIC) if (startsWith(head, magic)) return name;
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return null;
  let nul = 0;
  for (const byte of head) if (byte === 0) nul += 1;
  // Text never holds NUL; UTF-16 without a BOM holds ~50%. A handful may be stray.
  return nul > Math.max(1, head.length / 100) ? "binary data (many NUL bytes)" : null;
}

/** The encoding of a file from its first bytes: BOMs first, then UTF-8 validity. */
export function sniffEncoding(head: Uint8Array, complete: boolean): Encoding {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return "utf-8-bom";
  if (startsWith(head, [0xff, 0xfe])) return "utf-16le";
  if (startsWith(head, [0xfe, 0xff])) return "utf-16be";
  try {
    // stream: true when the head is a prefix, so a character cut at 64 KB is not an error.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: !complete });
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

function decoderFor(encoding: Encoding): TextDecoder {
  switch (encoding) {
    case "utf-8":
    case "utf-8-bom":
      // ignoreBOM: false drops the BOM from the text.
      return new TextDecoder("utf-8", { fatal: true });
    case "utf-16le":
      return new TextDecoder("utf-16le", { fatal: true });
    case "utf-16be":
      return new TextDecoder("utf-16be", { fatal: true });
    case "windows-1252":
      return new TextDecoder("windows-1252");
  }
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export async function openText(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
  /** Filled as bytes arrive, so a caller can report the count even when this throws. */
  stats: ByteStats = { bytes: 0, sha256: null },
): Promise<DecodedText> {
  const iterator = source[Symbol.asyncIterator]();
  const hash = createHash("sha256");
  const take = (chunk: Uint8Array) => {
    stats.bytes += chunk.byteLength;
    if (stats.bytes > maxBytes) {
      throw new DatasetError(
        `The file is larger than the ${megabytes(maxBytes)} limit; split it into smaller files.`,
      );
    }
    hash.update(chunk);
  };
  const headChunks: Uint8Array[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    take(next.value);
    headChunks.push(next.value);
    headLength += next.value.byteLength;
  }
  const headBytes = Buffer.concat(headChunks);
  if (headBytes.byteLength === 0) throw new DatasetError("The file is empty.");
  const binary = binaryKind(headBytes.subarray(0, HEAD_BYTES));
  if (binary) {
    throw new DatasetError(
      `This is ${binary}, not a text file: export the data as CSV, JSON, Markdown or text.`,
    );
  }
  const encoding = sniffEncoding(headBytes.subarray(0, HEAD_BYTES), done);
  const decoder = decoderFor(encoding);
  const decode = (bytes: Uint8Array, stream: boolean, offset: number) => {
    try {
      return decoder.decode(bytes, { stream });
    } catch {
      throw new DatasetError(
        `The file is not valid ${encoding === "utf-8" ? "UTF-8" : encoding.toUpperCase()} after byte ${offset.toLocaleString("en-US")}: it mixes encodings; save it again as UTF-8.`,
      );
    }
  };
  const head = decode(headBytes, true, 0);
  async function* chunks(): AsyncGenerator<string> {
    yield head;
    while (!done) {
      const next = await iterator.next();
      if (next.done) break;
      const offset = stats.bytes;
      take(next.value);
      yield decode(next.value, true, offset);
    }
    const tail = decode(new Uint8Array(0), false, stats.bytes);
    if (tail) yield tail;
    stats.sha256 = hash.digest("hex");
  }
  return { encoding, head, chunks: chunks(), stats };
}
