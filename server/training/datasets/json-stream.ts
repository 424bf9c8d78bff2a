/**
 * Streaming JSON array reader: yields each element of the top-level array — or of the array
 * under one of `arrayKeys` in a top-level object ({"tickets": [...]}) — parsed on its own, with
 * its 1-based index. Only one element is held at a time. A broken element is an error for that
 * index; text that is not an array at all is a file-level error.
 */
import { DatasetError } from "./types";

export type JsonItem = { index: number; value: unknown } | { index: number; error: string };

const WS = /\s/;

export async function* jsonArrayElements(
  chunks: AsyncIterable<string>,
  arrayKeys: readonly string[],
  maxElementChars: number,
): AsyncGenerator<JsonItem> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let top: "array" | "object" | null = null;
  let targetDepth = -1;
  let key = "";
  let keyCapture: string | null = null;
  let element: string[] = [];
  let elementLength = 0;
  let inElement = false;
  let index = 0;
  let finished = false;

  const finish = function* (): Generator<JsonItem> {
    index += 1;
    const text = element.join("");
    element = [];
    inElement = false;
    if (elementLength > maxElementChars) {
      elementLength = 0;
      yield {
        index,
        error: `The record is longer than ${maxElementChars.toLocaleString("en-US")} characters.`,
      };
      return;
    }
    elementLength = 0;
    try {
      yield { index, value: JSON.parse(text) };
    } catch (error) {
      yield { index, error: `Invalid JSON: ${(error as Error).message}` };
    }
  };

  let scalar = false;
  const keep = (piece: string) => {
    elementLength += piece.length;
    if (elementLength <= maxElementChars) element.push(piece);
  };

  for await (const chunk of chunks) {
    let start = inElement ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i] as string;
      if (finished) {
        if (!WS.test(ch)) throw new DatasetError("Unexpected text after the end of the JSON.");
        continue;
      }
      if (inString) {
        if (keyCapture !== null && !escaped && ch !== '"' && ch !== "\\") keyCapture += ch;
        if (escaped) escaped = false;
        else if (ch === "\\") escaped = true;
        else if (ch === '"') {
          inString = false;
          if (keyCapture !== null) key = keyCapture;
          keyCapture = null;
        }
        continue;
      }
      if (top === null) {
        if (WS.test(ch)) continue;
        if (ch === "[") {
          top = "array";
          targetDepth = 1;
          depth = 1;
          continue;
        }
        if (ch === "{" && arrayKeys.length > 0) {
          top = "object";
          depth = 1;
          continue;
        }
        throw new DatasetError(
          arrayKeys.length > 0
            ? `The JSON must be an array of records or an object with ${arrayKeys.map((k) => `"${k}"`).join(" or ")}; it starts with ${JSON.stringify(ch)}.`
            : `The JSON must be an array of records ([ … ]); it starts with ${JSON.stringify(ch)}.`,
        );
      }
      if (inElement && scalar && depth === targetDepth && (ch === "," || ch === "]")) {
        keep(chunk.slice(start, i));
        start = -1;
        yield* finish();
      }
      if (depth === targetDepth && !inElement) {
        if (WS.test(ch) || ch === ",") continue;
        if (ch === "]") {
          depth -= 1;
          targetDepth = -2;
          if (top === "array") finished = true;
          continue;
        }
        inElement = true;
        scalar = ch !== "{" && ch !== "[";
        start = i;
      }
      if (ch === '"') {
        inString = true;
        if (top === "object" && depth === 1) keyCapture = "";
      } else if (ch === "{" || ch === "[") {
        if (
          top === "object" &&
          depth === 1 &&
          ch === "[" &&
          targetDepth === -1 &&
          arrayKeys.includes(key)
        ) {
          targetDepth = 2;
          depth = 2;
          continue;
        }
        depth += 1;
      } else if (ch === "}" || ch === "]") {
        depth -= 1;
        if (depth === 0 && top === "object") finished = true;
        if (inElement && !scalar && depth === targetDepth) {
          keep(chunk.slice(start, i + 1));
          start = -1;
          yield* finish();
        }
      }
    }
    if (inElement && start !== -1) keep(chunk.slice(start));
  }
  if (top === null) throw new DatasetError("The file holds no JSON.");
  if (!finished || inElement) throw new DatasetError("The JSON ends before the array is closed.");
  if (top === "object" && targetDepth === -1) {
    throw new DatasetError(
      `The JSON object has no ${arrayKeys.map((k) => `"${k}"`).join(" or ")} array.`,
    );
  }
}
