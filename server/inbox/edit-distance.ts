/**
 * Levenshtein distance between the rendered template and the text the agent sent, in UTF-16
 * code units, with two rows of memory. Replies are capped at 20,000 characters, but a full
 * table that large is 400 M cells: past `maxCells` the answer is null (not measured) rather
 * than a stalled request.
 */
export function editDistance(a: string, b: string, maxCells = 25_000_000): number | null {
  if (a === b) return 0;
  // Common prefix and suffix cost nothing and are most of a lightly edited reply.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  if (x.length * y.length > maxCells) return null;
  let previous = new Array<number>(y.length + 1);
  let current = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) previous[j] = j;
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    const xi = x.charCodeAt(i - 1);
    for (let j = 1; j <= y.length; j++) {
      const cost = xi === y.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length] ?? null;
}
