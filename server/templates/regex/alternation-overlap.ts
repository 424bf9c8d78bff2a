/**
 * Whether two alternatives of a repeated group can match the same text, so that `(a|a)*` or
 * `(a|aa)+` can split one input in exponentially many ways. Approximate and conservative:
 * alternatives are compared atom by atom; the comparison stops, answering "overlap", as soon
 * as one alternative runs out or an atom is repeated or unknown (a group, a backreference).
 * Literal characters are compared directly (case-folded under `i`); a class (`\d`, `[a-z]`,
 * `.`, `\p{L}`) is tested on the other atom's character, or, against another class, on a
 * sample alphabet. Runs on the event loop for every pattern of every draft, so the work is
 * kept near-linear in the pattern's length (see alternativesOverlap). Pure.
 */

/** One consuming element of an alternative: its source (`a`, `\d`, `[a-z]`, `.`), or null when unknown. */
export interface Atom {
  source: string | null;
  repeated: boolean;
}

const SAMPLES: string[] = (() => {
  const chars: string[] = [];
  for (let code = 0; code < 128; code++) chars.push(String.fromCharCode(code));
  // Letters that case folding and Unicode classes treat specially, and a few separators.
  chars.push(..."\u00a0\u00c9\u00e9\u00df\u0130\u0131\u017f\u212a\u2028\u3000\u4e2d\u0416\u0436");
  return chars;
})();
const WORDS = Math.ceil(SAMPLES.length / 32);

type Judged =
  | { kind: "literal"; char: string; key: string; stop: boolean }
  | { kind: "class"; re: RegExp | null; mask: Uint32Array; stop: boolean }
  | { kind: "unknown"; stop: true };

const CONTROL: Record<string, string> = { t: "\t", n: "\n", r: "\r", f: "\f", v: "\v", "0": "\0" };

/** The one character a literal atom stands for, or null when the atom is a class. */
function literalOf(source: string): string | null {
  if (source.length === 1) return source === "." ? null : source;
  if (source[0] !== "\\") return null;
  const rest = source.slice(1);
  if (rest.length === 1) {
    if (CONTROL[rest]) return CONTROL[rest];
    return /[A-Za-z0-9]/.test(rest) ? null : rest; // `\d`, `\w`… are classes; `\.` is a dot
  }
  const hex = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]+)\})$/.exec(rest);
  if (hex) {
    const code = Number.parseInt(hex[1] ?? hex[2] ?? hex[3] ?? "", 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : null;
  }
  if (/^c[A-Za-z]$/.test(rest)) return String.fromCharCode(rest.charCodeAt(1) % 32);
  return null;
}

const classCache = new Map<string, { re: RegExp | null; mask: Uint32Array }>();

function classOf(source: string, flags: string): { re: RegExp | null; mask: Uint32Array } {
  const key = `${flags}\u0000${source}`;
  const cached = classCache.get(key);
  if (cached) return cached;
  let re: RegExp | null = null;
  const mask = new Uint32Array(WORDS);
  try {
    re = new RegExp(`^(?:${source})$`, flags.replace(/[gy]/g, ""));
    SAMPLES.forEach((c, i) => {
      if (re?.test(c)) mask[i >>> 5] = (mask[i >>> 5] ?? 0) | (1 << (i & 31));
    });
  } catch {
    re = null; // cannot be judged alone: treated as matching anything
    mask.fill(0xffffffff);
  }
  if (classCache.size > 2_000) classCache.clear();
  const judged = { re, mask };
  classCache.set(key, judged);
  return judged;
}

function judge(atom: Atom, flags: string): Judged {
  if (atom.source === null) return { kind: "unknown", stop: true };
  const char = literalOf(atom.source);
  if (char !== null) {
    const key = flags.includes("i") ? char.toLowerCase() : char;
    return { kind: "literal", char, key, stop: atom.repeated };
  }
  return { kind: "class", ...classOf(atom.source, flags), stop: atom.repeated };
}

function masksMeet(a: Uint32Array, b: Uint32Array): boolean {
  for (let w = 0; w < WORDS; w++) if (((a[w] ?? 0) & (b[w] ?? 0)) !== 0) return true;
  return false;
}

function intersects(x: Judged, y: Judged): boolean {
  if (x.kind === "unknown" || y.kind === "unknown") return true;
  if (x.kind === "literal" && y.kind === "literal") return x.key === y.key;
  if (x.kind === "literal" && y.kind === "class") return y.re ? y.re.test(x.char) : true;
  if (x.kind === "class" && y.kind === "literal") return x.re ? x.re.test(y.char) : true;
  return masksMeet((x as { mask: Uint32Array }).mask, (y as { mask: Uint32Array }).mask);
}

/** True when one alternative's fixed prefix is compatible with the other, position by position. */
function overlaps(a: readonly Judged[], b: readonly Judged[]): boolean {
  // An empty alternative ends the repetition's iteration instead of multiplying the splits.
  if (a.length === 0 || b.length === 0) return false;
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    const x = a[k] as Judged;
    const y = b[k] as Judged;
    if (!intersects(x, y)) return false;
    if (x.stop || y.stop) return true;
  }
  return true;
}

/** Beyond this many alternatives, sharing a first character is taken as overlap. */
const PAIRWISE_LIMIT = 64;

/**
 * True when two different alternatives can match the same text (or one a prefix of the
 * other's). A first atom that meets no earlier alternative's first atom costs one lookup
 * (literals) or a few tests (classes); only alternatives that share a first character are
 * compared pairwise, and only in groups of at most PAIRWISE_LIMIT alternatives.
 */
export function alternativesOverlap(
  alternatives: readonly (readonly Atom[])[],
  flags: string,
): boolean {
  if (alternatives.length < 2) return false;
  const judged = alternatives.map((atoms) => atoms.map((atom) => judge(atom, flags)));
  const literals = new Set<string>();
  const classes: Judged[] = [];
  let sawUnknown = false;
  for (let j = 0; j < judged.length; j++) {
    const first = judged[j]?.[0];
    if (!first) continue;
    const meets =
      sawUnknown ||
      (first.kind === "unknown"
        ? literals.size + classes.length > 0
        : first.kind === "literal"
          ? literals.has(first.key) || classes.some((c) => intersects(first, c))
          : classes.some((c) => intersects(first, c)) ||
            [...literals].some((key) =>
              intersects(first, { kind: "literal", char: key, key, stop: false }),
            ));
    if (meets) {
      if (judged.length > PAIRWISE_LIMIT) return true;
      for (let i = 0; i < j; i++) {
        if (overlaps(judged[i] as Judged[], judged[j] as Judged[])) return true;
      }
    }
    if (first.kind === "unknown") sawUnknown = true;
    else if (first.kind === "literal") literals.add(first.key);
    else classes.push(first);
  }
  return false;
}
