/**
 * Static checks on a user-supplied regular expression, before it is ever run.
 *
 * This is the first of two defences against ReDoS (see bounded-regex-runner.ts for the second):
 * it rejects the family of patterns that backtrack exponentially in practice — a repeated
 * group that itself contains a variable repetition, such as `(a+)+`, `(a*)*`, `(\s?\w+)+`,
 * `(x{1,3})*`. It is deliberately conservative and syntactic, so it cannot catch every slow
 * pattern (overlapping alternatives like `(a|a)*`, or polynomial chains like `\d*\d*\d*$`); the
 * time bound on matching is what guarantees the server never hangs. Pure: safe in the browser.
 */

import { describeRegexError } from "./regex-runner";

export const MAX_PATTERN_LENGTH = 500;

export type PatternCheck = { ok: true } | { ok: false; message: string };

interface Frame {
  /** The group contains a repetition whose count can vary (`+`, `*`, `?`, `{m,n}` with m ≠ n). */
  hasVariableRepeat: boolean;
}

interface Quantifier {
  min: number;
  max: number;
  /** Characters the quantifier occupies, including a lazy `?`. */
  length: number;
}

const BRACE_QUANTIFIER = /^\{(\d+)(,(\d*))?\}/;

function readQuantifier(pattern: string, at: number): Quantifier | null {
  const c = pattern[at];
  let q: Quantifier | null = null;
  if (c === "*") q = { min: 0, max: Number.POSITIVE_INFINITY, length: 1 };
  else if (c === "+") q = { min: 1, max: Number.POSITIVE_INFINITY, length: 1 };
  else if (c === "?") q = { min: 0, max: 1, length: 1 };
  else if (c === "{") {
    // Outside the `u` flag an incomplete brace is a literal `{`, as the engine treats it.
    const m = BRACE_QUANTIFIER.exec(pattern.slice(at, at + 24));
    if (m) {
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY;
      q = { min, max, length: m[0].length };
    }
  }
  if (q && pattern[at + q.length] === "?") q.length += 1;
  return q;
}

/** Index just past a character class starting at `at` (which is `[`). */
function skipClass(pattern: string, at: number): number {
  let i = at + 1;
  while (i < pattern.length && pattern[i] !== "]") i += pattern[i] === "\\" ? 2 : 1;
  return i + 1;
}

/** Index just past the group opener at `at`: `(`, `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`. */
function skipGroupOpen(pattern: string, at: number): number {
  if (pattern[at + 1] !== "?") return at + 1;
  const next = pattern[at + 2];
  if (next === ":" || next === "=" || next === "!") return at + 3;
  if (next === "<") {
    const after = pattern[at + 3];
    if (after === "=" || after === "!") return at + 4;
    const close = pattern.indexOf(">", at + 3);
    return close === -1 ? at + 3 : close + 1;
  }
  return at + 2;
}

/** Finds a repeated group that contains a variable repetition; returns its offset or -1. */
export function findNestedRepetition(pattern: string): number {
  const stack: { frame: Frame; start: number }[] = [];
  let current: Frame = { hasVariableRepeat: false };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    let atomEnd: number;
    let atomIsRepeatedGroup: { start: number; inner: Frame } | null = null;
    if (c === "\\") {
      atomEnd = i + 2;
    } else if (c === "[") {
      atomEnd = skipClass(pattern, i);
    } else if (c === "(") {
      stack.push({ frame: current, start: i });
      current = { hasVariableRepeat: false };
      i = skipGroupOpen(pattern, i);
      continue;
    } else if (c === ")") {
      const inner = current;
      const outer = stack.pop();
      if (!outer) return -1; // unbalanced: the engine reports it when compiling
      current = outer.frame;
      atomIsRepeatedGroup = { start: outer.start, inner };
      // What a group contains, its parent contains too.
      if (inner.hasVariableRepeat) current.hasVariableRepeat = true;
      atomEnd = i + 1;
    } else {
      atomEnd = i + 1;
    }
    const q = readQuantifier(pattern, atomEnd);
    if (q) {
      if (atomIsRepeatedGroup?.inner.hasVariableRepeat && q.max > 1) {
        return atomIsRepeatedGroup.start;
      }
      if (q.max !== q.min) current.hasVariableRepeat = true;
      i = atomEnd + q.length;
    } else {
      i = atomEnd;
    }
  }
  return -1;
}

/** Compiles the pattern (reporting the engine's own message) and applies the static checks. */
export function checkPattern(pattern: string, flags: string): PatternCheck {
  if (pattern.length === 0) return { ok: false, message: "The regular expression is empty." };
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return {
      ok: false,
      message: `The regular expression is ${pattern.length} characters long; the limit is ${MAX_PATTERN_LENGTH}.`,
    };
  }
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    return { ok: false, message: describeRegexError(error) };
  }
  const nested = findNestedRepetition(pattern);
  if (nested !== -1) {
    return {
      ok: false,
      message:
        `The regular expression repeats a group that itself repeats (at character ${nested + 1}), ` +
        "which can take exponential time on some messages. Rewrite it without nesting, " +
        "for example `a+` instead of `(a+)+`.",
    };
  }
  return { ok: true };
}
