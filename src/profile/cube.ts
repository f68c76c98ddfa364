/**
 * A count cube: counts of units by a few coded dimensions, as one GROUP BY returns them. Every
 * profile table and cross-tabulation is a margin of a cube, so the data are scanned once per unit.
 */
export interface CubeCell {
  readonly dims: Readonly<Record<string, string | null>>;
  readonly n: number;
}

export type Cube = readonly CubeCell[];

/** Counts by `dim` among cells passing `where`; categories not seen get 0. Null values count as `nullAs`. */
export function margin(cube: Cube, dim: string, categories: readonly string[], where: (cell: CubeCell) => boolean, nullAs = 'notDeterminable'): number[] {
  const index = new Map(categories.map((c, i) => [c, i]));
  const counts = new Array<number>(categories.length).fill(0);
  for (const cell of cube) {
    if (!where(cell)) continue;
    const i = index.get(cell.dims[dim] ?? nullAs);
    if (i !== undefined) counts[i]! += cell.n;
  }
  return counts;
}

/** Two-way counts rows × columns among cells passing `where`. */
export function crossMargin(cube: Cube, rowDim: string, rows: readonly string[], colDim: string, cols: readonly string[], where: (cell: CubeCell) => boolean): number[][] {
  const ri = new Map(rows.map((c, i) => [c, i]));
  const ci = new Map(cols.map((c, i) => [c, i]));
  const table = rows.map(() => new Array<number>(cols.length).fill(0));
  for (const cell of cube) {
    if (!where(cell)) continue;
    const r = ri.get(cell.dims[rowDim] ?? '');
    const c = ci.get(cell.dims[colDim] ?? '');
    if (r !== undefined && c !== undefined) table[r]![c]! += cell.n;
  }
  return table;
}

/** Groups plain rows into a cube (the reference path, and the way tests build cubes). */
export function cubeOf<T>(rows: Iterable<T>, dims: Readonly<Record<string, (row: T) => string | null>>): Cube {
  const names = Object.keys(dims);
  const cells = new Map<string, { dims: Record<string, string | null>; n: number }>();
  for (const row of rows) {
    const values = names.map((d) => dims[d]!(row));
    const key = values.map((v) => (v === null ? '\u0000' : v)).join('\u001f');
    const cell = cells.get(key);
    if (cell) cell.n++;
    else cells.set(key, { dims: Object.fromEntries(names.map((d, i) => [d, values[i]!])), n: 1 });
  }
  return [...cells.values()];
}
