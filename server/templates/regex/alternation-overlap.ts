/**
 * Whether two alternatives of a repeated group can match the same text, so that `(a|a)*` or
 * `(a|aa)+` can split one input in exponentially many ways. Approximate and conservative:
 * alternatives are compared atom by atom, each atom as the set of characters it matches
 * (tested on a sample alphabet); the comparison stops, answering "overlap", as soon as one
 * alternative runs out or an atom is repeated or unknown (a group, a backreference). Pure.
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

const matchCache = new Map<string, boolean[] | null>();

/** Which samples the atom matches, or null when it cannot be compiled alone. */
function samplesOf(source: string, flags: string): boolean[] | null {
  const key = `${flags}\u0000${source}`;
  const cached = matchCache.get(key);
  if (cached !== undefined) return cached;
  let result: boolean[] | null;
  try {
    const re = new RegExp(`^(?:${source})$`, flags.replace(/[gy]/g, ""));
    result = SAMPLES.map((c) => re.test(c));
  } catch {
    result = null;
  }
  if (matchCache.size > 2_000) matchCache.clear();
  matchCache.set(key, result);
  return result;
}

function intersects(a: Atom, b: Atom, flags: string): boolean {
  if (a.source === null || b.source === null) return true;
  const sa = samplesOf(a.source, flags);
  const sb = samplesOf(b.source, flags);
  if (!sa || !sb) return true;
  return sa.some((hit, i) => hit && sb[i]);
}

/** True when one alternative's fixed prefix is compatible with the other, position by position. */
function overlaps(a: readonly Atom[], b: readonly Atom[], flags: string): boolean {
  // An empty alternative ends the repetition's iteration instead of multiplying the splits.
  if (a.length === 0 || b.length === 0) return false;
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    const x = a[k] as Atom;
    const y = b[k] as Atom;
    if (!intersects(x, y, flags)) return false;
    if (x.repeated || y.repeated || x.source === null || y.source === null) return true;
  }
  return true;
}

/** True when two different alternatives can match the same text (or one a prefix of the other's). */
export function alternativesOverlap(
  alternatives: readonly (readonly Atom[])[],
  flags: string,
): boolean {
  for (let i = 0; i < alternatives.length; i++) {
    for (let j = i + 1; j < alternatives.length; j++) {
      if (overlaps(alternatives[i] as Atom[], alternatives[j] as Atom[], flags)) return true;
    }
  }
  return false;
}
