/** One line of a diff: kept, only in the old text, or only in the new text. */
export type DiffLine =
  | { kind: "same"; text: string; oldLine: number; newLine: number }
  | { kind: "removed"; text: string; oldLine: number }
  | { kind: "added"; text: string; newLine: number };

/** Above this many table cells the diff gives up on alignment and replaces the middle whole. */
const MAX_CELLS = 4_000_000;

export function splitLines(text: string): string[] {
  return text === "" ? [] : text.split(/\r\n|\r|\n/);
}

/**
 * A line diff by longest common subsequence. The common head and tail are matched first, so
 * the table covers only the changed middle; a pathological middle (over MAX_CELLS) is shown as
 * removed-then-added rather than aligned.
 */
export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }

  const result: DiffLine[] = [];
  for (let i = 0; i < head; i++) {
    result.push({ kind: "same", text: a[i] ?? "", oldLine: i + 1, newLine: i + 1 });
  }
  result.push(...diffMiddle(a.slice(head, a.length - tail), b.slice(head, b.length - tail), head));
  for (let k = tail; k > 0; k--) {
    const i = a.length - k;
    const j = b.length - k;
    result.push({ kind: "same", text: a[i] ?? "", oldLine: i + 1, newLine: j + 1 });
  }
  return result;
}

function diffMiddle(a: string[], b: string[], offset: number): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const out: DiffLine[] = [];
  if (n * m > MAX_CELLS || n === 0 || m === 0) {
    for (const [i, text] of a.entries())
      out.push({ kind: "removed", text, oldLine: offset + i + 1 });
    for (const [j, text] of b.entries()) out.push({ kind: "added", text, newLine: offset + j + 1 });
    return out;
  }
  // lengths[i][j]: LCS length of a[i..] and b[j..], in one flat array.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({
        kind: "same",
        text: a[i] ?? "",
        oldLine: offset + i + 1,
        newLine: offset + j + 1,
      });
      i++;
      j++;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      out.push({ kind: "removed", text: a[i] ?? "", oldLine: offset + i + 1 });
      i++;
    } else {
      out.push({ kind: "added", text: b[j] ?? "", newLine: offset + j + 1 });
      j++;
    }
  }
  for (; i < n; i++) out.push({ kind: "removed", text: a[i] ?? "", oldLine: offset + i + 1 });
  for (; j < m; j++) out.push({ kind: "added", text: b[j] ?? "", newLine: offset + j + 1 });
  return out;
}

/** A run of diff lines to show, or a count of unchanged lines folded away between runs. */
export type DiffChunk = { kind: "lines"; lines: DiffLine[] } | { kind: "folded"; count: number };

/** Keeps `context` unchanged lines around each change and folds the rest. */
export function foldUnchanged(lines: readonly DiffLine[], context = 2): DiffChunk[] {
  const keep = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.kind === "same") return;
    const from = Math.max(0, index - context);
    const to = Math.min(lines.length - 1, index + context);
    for (let k = from; k <= to; k++) keep[k] = true;
  });
  const chunks: DiffChunk[] = [];
  let index = 0;
  while (index < lines.length) {
    const start = index;
    const kept = keep[index];
    while (index < lines.length && keep[index] === kept) index++;
    if (kept) chunks.push({ kind: "lines", lines: lines.slice(start, index) });
    else chunks.push({ kind: "folded", count: index - start });
  }
  return chunks;
}
