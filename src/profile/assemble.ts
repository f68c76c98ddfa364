import { crosstab } from '../stats/crosstab/crosstab.ts';
import { wilsonInterval } from '../stats/proportion/wilson.ts';
import { findVariable } from '../codebook/index.ts';
import { crossMargin, margin, type Cube } from './cube.ts';
import { ASSOCIATION_SPECS, COMPARISON_KEYS, inPopulation, POPULATIONS, TABLE_SPECS, type Unit } from './spec.ts';
import type { Association, Comparison, Population, Profile, ProfileManifest, ProfileTable } from './types.ts';

/** The three cubes a profile is assembled from; each has an `identified` dimension (offenders: their series'). */
export interface ProfileCubes {
  readonly victims: Cube;
  readonly series: Cube;
  readonly offenders: Cube;
}

const ND = 'notDeterminable';

function table(cubes: ProfileCubes, spec: (typeof TABLE_SPECS)[number], population: Population, level: number): ProfileTable {
  const cube = cubes[spec.unit satisfies Unit];
  const counts = margin(cube, spec.dim, spec.categories.map((c) => c.code), (cell) => inPopulation(cell.dims.identified ?? null, population));
  const total = counts.reduce((a, b) => a + b, 0);
  return {
    id: `${spec.key}-${population}`,
    title: spec.title,
    variable: spec.variable,
    population,
    unit: spec.unit,
    total,
    rows: spec.categories.map((c, i) => {
      const count = counts[i]!;
      if (total === 0) return { category: c.code, label: c.label, count, share: NaN, lower: NaN, upper: NaN };
      const ci = wilsonInterval(count, total, level);
      return { category: c.code, label: c.label, count, share: ci.estimate, lower: ci.lower, upper: ci.upper };
    }),
  };
}

/** Keeps rows and columns with at least one count (a zero margin carries no information and breaks χ² df). */
function dropEmpty(t: number[][], rows: string[], cols: string[]): { t: number[][]; rows: string[]; cols: string[] } {
  const keepR = t.map((r) => r.some((x) => x > 0));
  const keepC = cols.map((_, j) => t.some((r) => r[j]! > 0));
  return {
    t: t.filter((_, i) => keepR[i]).map((r) => r.filter((_, j) => keepC[j])),
    rows: rows.filter((_, i) => keepR[i]),
    cols: cols.filter((_, j) => keepC[j]),
  };
}

function test(t: number[][]): { chiSquare: number; df: number; pValue: number; cramersV: number } {
  if (t.length < 2 || (t[0]?.length ?? 0) < 2) return { chiSquare: NaN, df: 0, pValue: NaN, cramersV: NaN };
  const r = crosstab(t, { fisher: false });
  return { chiSquare: r.chiSquare.statistic, df: r.chiSquare.df, pValue: r.chiSquare.pValue, cramersV: r.cramersV };
}

function determinable(variable: string): string[] {
  const v = findVariable(variable);
  if (!v || v.type !== 'category') throw new Error(`${variable} is not categorical`);
  return v.set.categories.map((c) => c.code).filter((c) => c !== ND);
}

function association(cubes: ProfileCubes, spec: (typeof ASSOCIATION_SPECS)[number], population: Population): Association {
  const rows0 = determinable(spec.rowVariable);
  const cols0 = determinable(spec.columnVariable);
  const raw = crossMargin(cubes.victims, spec.rowDim, rows0, spec.columnDim, cols0, (cell) => inPopulation(cell.dims.identified ?? null, population));
  const { t, rows, cols } = dropEmpty(raw, rows0, cols0);
  return { id: `${spec.key}-${population}`, title: spec.title, rowVariable: spec.rowVariable, columnVariable: spec.columnVariable, population, rowCategories: rows, columnCategories: cols, table: t, ...test(t) };
}

function comparison(cubes: ProfileCubes, key: string): Comparison {
  const spec = TABLE_SPECS.find((s) => s.key === key)!;
  const codes = spec.categories.map((c) => c.code).filter((c) => c !== ND);
  const cube = cubes[spec.unit];
  const identified = margin(cube, spec.dim, codes, (c) => c.dims.identified === 'yes');
  const unidentified = margin(cube, spec.dim, codes, (c) => c.dims.identified === 'no');
  const { t, cols } = dropEmpty([identified, unidentified], ['identified', 'unidentified'], codes);
  return { id: `${key}-identified-vs-unidentified`, variable: spec.variable, categories: cols, identified: t[0] ?? [], unidentified: t[1] ?? [], ...test(t) };
}

/** Profile from cubes: Wilson intervals per category, χ² and Cramér's V per cross-tabulation and comparison. */
export function assembleProfile(cubes: ProfileCubes, manifest: ProfileManifest): Profile {
  const level = manifest.level;
  return {
    manifest,
    tables: TABLE_SPECS.flatMap((spec) => POPULATIONS.map((p) => table(cubes, spec, p, level))),
    associations: ASSOCIATION_SPECS.flatMap((spec) => POPULATIONS.map((p) => association(cubes, spec, p))),
    comparisons: COMPARISON_KEYS.map((k) => comparison(cubes, k)),
  };
}
