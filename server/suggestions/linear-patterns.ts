/**
 * Two of extract-values.ts's patterns, run so they stay linear in the message's length. A
 * message may be 20,000 characters; as plain regular expressions on the request's event loop,
 * `EMAIL` took 3–4 s on a long run of letters, digits or dots (every start in the run re-scans
 * it) and `SIGN_OFF` 2–7 s on a long run of whitespace with newlines, blocking every other
 * request of the process meanwhile (measured). The answers are exactly the patterns' own.
 */

/** The local part's characters of EMAIL (`[A-Za-z0-9._%+-]`). */
const LOCAL = /[A-Za-z0-9._%+-]/;
/** EMAIL after its `@`, anchored where it is run (sticky). */
const DOMAIN = /[A-Za-z0-9.-]+\.[A-Za-z]{2,}/y;

/**
 * The leftmost match of `/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/` at or after `from`.
 * The local part cannot hold an `@`, so a match starts where the run of local characters before
 * some `@` starts; the first `@` with such a run and a domain after it is the match. Each run
 * and each domain is read once.
 */
export function findEmail(text: string, from = 0): { start: number; end: number } | null {
  for (let at = text.indexOf("@", from); at !== -1; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > from && LOCAL.test(text.charAt(start - 1))) start--;
    if (start === at) continue;
    DOMAIN.lastIndex = at + 1;
    const domain = DOMAIN.exec(text);
    if (domain) return { start, end: at + 1 + domain[0].length };
  }
  return null;
}

/** `text.replace(/EMAIL/g, replacement)`. */
export function replaceEmails(text: string, replacement: string): string {
  let out = "";
  let from = 0;
  for (let found = findEmail(text); found; found = findEmail(text, from)) {
    out += text.slice(from, found.start) + replacement;
    from = found.end;
  }
  return out + text.slice(from);
}

/**
 * Every run of whitespace as one character: a newline if the run has one, else a space. The
 * name patterns only ask "some whitespace" or "a newline somewhere in it" of a run, and the name
 * they capture is split on whitespace and re-joined with spaces, so their answers are unchanged;
 * what goes is SIGN_OFF's re-reading of a long run from every newline in it.
 */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, (run) => (run.includes("\n") ? "\n" : " "));
}
