/**
 * Static checks on a user-supplied regular expression, before it is ever run.
 *
 * This is the first of two defences against ReDoS (regex-worker-pool.ts is the second):
 * it rejects the family of patterns that backtrack exponentially in practice — a repeated
 * group that itself contains a variable repetition, such as `(a+)+`, `(a*)*`, `(\s?\w+)+`,
 * `(x{1,3})*`, and a repeated group whose alternatives can match the same text, such as
 * `(a|a)*`, `(a|aa)+`, `(\w|\d)+` (alternation-overlap.ts). It is a screen, not a proof: it
 * cannot catch every slow pattern (polynomial chains like `a*a*a*a*b` pass), and it refuses
 * a few harmless ones (`(a|ab)*`, easily written `(ab?)*`). The time budget of the regex
 * worker pool is what guarantees the server never hangs. Pure: safe in the browser.
 */

import { type Atom, alternativesOverlap } from "./alternation-overlap";
import { describeRegexError } from "./regex-runner";

export const MAX_PATTERN_LENGTH = 500;

export type PatternCheck = { ok: true } | { ok: false; message: string };

interface Frame {
  /** The group contains a repetition whose count can vary (`+`, `*`, `?`, `{m,n}` with m ≠ n). */
  hasVariableRepeat: boolean;
  /** The group contains an alternation whose alternatives can match the same text. */
  hasOverlap: boolean;
  /** Lookarounds consume nothing: they are not atoms of the enclosing alternative. */
  zeroWidth: boolean;
  /** Finished alternatives of this group and the one being read, as consuming atoms. */
  alternatives: Atom[][];
  atoms: Atom[];
}

const newFrame = (zeroWidth = false): Frame => ({
  hasVariableRepeat: false,
  hasOverlap: false,
  zeroWidth,
  alternatives: [],
  atoms: [],
});

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

const ESCAPE_FORMS =
  /^\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|[pP]\{[^}]*\}|k<[^>]*>|c[a-zA-Z]|\d+)/;

/** Index just past the escape at `at` (`\d`, `\x41`, `\u{1F600}`, `\p{L}`, `\k<name>`, `\12`). */
function escapeEnd(pattern: string, at: number): number {
  const m = ESCAPE_FORMS.exec(pattern.slice(at, at + 40));
  return at + (m ? m[0].length : 2);
}

/** Index just past the group opener at `at`: `(`, `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`. */
function skipGroupOpen(pattern: string, at: number): { end: number; lookaround: boolean } {
  if (pattern[at + 1] !== "?") return { end: at + 1, lookaround: false };
  const next = pattern[at + 2];
  if (next === ":") return { end: at + 3, lookaround: false };
  if (next === "=" || next === "!") return { end: at + 3, lookaround: true };
  if (next === "<") {
    const after = pattern[at + 3];
    if (after === "=" || after === "!") return { end: at + 4, lookaround: true };
    const close = pattern.indexOf(">", at + 3);
    return { end: close === -1 ? at + 3 : close + 1, lookaround: false };
  }
  return { end: at + 2, lookaround: false };
}

export type Ambiguity = { kind: "nested" | "overlap"; offset: number };

/**
 * Finds a repeated group (at most once is not repeated) that can match one text in
 * exponentially many ways: it contains a variable repetition (`(a+)+`), or an alternation
 * whose alternatives can match the same text (`(a|a)*`, `(a|aa)+`, `(\w|\d)+`, `((a|a)b)*`).
 */
export function findAmbiguousRepetition(pattern: string, flags = ""): Ambiguity | null {
  const stack: { frame: Frame; start: number }[] = [];
  let current = newFrame();
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    let atomEnd: number;
    let atom: Atom | null = null;
    let closed: { start: number; inner: Frame } | null = null;
    if (c === "\\") {
      atomEnd = escapeEnd(pattern, i);
      const source = pattern.slice(i, atomEnd);
      const zeroWidth = source === "\\b" || source === "\\B";
      const backreference = /^\\(?:[1-9]|k<)/.test(source);
      if (!zeroWidth) atom = { source: backreference ? null : source, repeated: false };
    } else if (c === "[") {
      atomEnd = skipClass(pattern, i);
      atom = { source: pattern.slice(i, atomEnd), repeated: false };
    } else if (c === "(") {
      const open = skipGroupOpen(pattern, i);
      stack.push({ frame: current, start: i });
      current = newFrame(open.lookaround);
      i = open.end;
      continue;
    } else if (c === "|") {
      current.alternatives.push(current.atoms);
      current.atoms = [];
      i += 1;
      continue;
    } else if (c === ")") {
      const inner = current;
      const outer = stack.pop();
      if (!outer) return null; // unbalanced: the engine reports it when compiling
      inner.alternatives.push(inner.atoms);
      if (alternativesOverlap(inner.alternatives, flags)) inner.hasOverlap = true;
      current = outer.frame;
      closed = { start: outer.start, inner };
      // What a group contains, its parent contains too.
      if (inner.hasVariableRepeat) current.hasVariableRepeat = true;
      if (inner.hasOverlap) current.hasOverlap = true;
      if (!inner.zeroWidth) atom = { source: null, repeated: false };
      atomEnd = i + 1;
    } else {
      atomEnd = i + 1;
      if (c !== "^" && c !== "$") atom = { source: c ?? "", repeated: false };
    }
    const q = readQuantifier(pattern, atomEnd);
    if (q) {
      if (closed && q.max > 1) {
        if (closed.inner.hasVariableRepeat) return { kind: "nested", offset: closed.start };
        if (closed.inner.hasOverlap) return { kind: "overlap", offset: closed.start };
      }
      if (q.max !== q.min) current.hasVariableRepeat = true;
      if (atom) atom.repeated = q.max !== q.min || q.max > 1;
      i = atomEnd + q.length;
    } else {
      i = atomEnd;
    }
    if (atom) current.atoms.push(atom);
  }
  return null;
}

/** Finds a repeated group that contains a variable repetition; returns its offset or -1. */
export function findNestedRepetition(pattern: string): number {
  const found = findAmbiguousRepetition(pattern);
  return found?.kind === "nested" ? found.offset : -1;
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
  const found = findAmbiguousRepetition(pattern, flags);
  if (found?.kind === "nested") {
    return {
      ok: false,
      message:
        `The regular expression repeats a group that itself repeats (at character ${found.offset + 1}), ` +
        "which can take exponential time on some messages. Rewrite it without nesting, " +
        "for example `a+` instead of `(a+)+`.",
    };
  }
  if (found?.kind === "overlap") {
    return {
      ok: false,
      message:
        `The regular expression repeats a group whose alternatives can match the same text (at character ${found.offset + 1}), ` +
        "which can take exponential time on some messages. Make the alternatives start differently, " +
        "or use one character class: for example `a+` instead of `(a|aa)+`, `\\w+` instead of `(\\w|\\d)+`.",
    };
  }
  return { ok: true };
}
