/**
 * Compressed sparse rows: the feature matrix the optimiser reads. Row r's entries are
 * indices[rowPtr[r] .. rowPtr[r + 1]) with the matching values.
 */
export interface SparseMatrix {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export interface SparseRow {
  indices: Int32Array;
  values: Float32Array;
}

export function fromRows(rows: SparseRow[], cols: number): SparseMatrix {
  let nnz = 0;
  for (const row of rows) nnz += row.indices.length;
  const rowPtr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let at = 0;
  rows.forEach((row, r) => {
    indices.set(row.indices, at);
    values.set(row.values, at);
    at += row.indices.length;
    rowPtr[r + 1] = at;
  });
  return { rows: rows.length, cols, rowPtr, indices, values };
}

/** The rows at the given positions, in that order (for train/held-out subsets). */
export function selectRows(matrix: SparseMatrix, positions: readonly number[]): SparseMatrix {
  const rows: SparseRow[] = positions.map((r) => {
    const start = matrix.rowPtr[r] ?? 0;
    const end = matrix.rowPtr[r + 1] ?? 0;
    return {
      indices: matrix.indices.subarray(start, end),
      values: matrix.values.subarray(start, end),
    };
  });
  return fromRows(rows, matrix.cols);
}

export function getRow(matrix: SparseMatrix, r: number): SparseRow {
  const start = matrix.rowPtr[r] ?? 0;
  const end = matrix.rowPtr[r + 1] ?? 0;
  return {
    indices: matrix.indices.subarray(start, end),
    values: matrix.values.subarray(start, end),
  };
}

/** Scale a block of entries in place to unit L2 norm times `weight` (no-op on an empty block). */
export function normalizeBlock(values: Float32Array | number[], weight: number): void {
  let sum = 0;
  for (const v of values) sum += v * v;
  if (sum === 0) return;
  const scale = weight / Math.sqrt(sum);
  for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) * scale;
}
