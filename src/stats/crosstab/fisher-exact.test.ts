import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close.ts';
import { crosstab } from './crosstab.ts';
import { fisherExact } from './fisher-exact.ts';
import fixture from './fixtures/fisher-exact.json' with { type: 'json' };

interface Case {
  name: string;
  table: number[][];
  pValue: number | null;
  seconds: number;
}
const cases = fixture.cases as Case[];
// Beyond the default work budget (R: 0.3 s to 16 s, or out of its 2e8 workspace).
const BEYOND_BUDGET = new Set(['5x5 n = 317 (beyond both)', 'random 4x5 n = 90', 'random 5x5 n = 60', 'random 6x4 n = 70']);

/** Every table with the margins of t, enumerated cell by cell: the plain oracle (small tables only). */
function bruteForce(t: number[][]): number {
  const r = t.length;
  const c = t[0]!.length;
  const rows = t.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = t[0]!.map((_, j) => t.reduce((a, row) => a + row[j]!, 0));
  const lf = (k: number): number => {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  };
  const observed = -t.flat().reduce((s, v) => s + lf(v), 0);
  let total = 0;
  let tail = 0;
  const rowLeft = [...rows];
  const colLeft = [...cols];
  const visit = (cell: number, length: number): void => {
    if (cell === r * c) {
      const p = Math.exp(length - observed);
      total += p;
      if (length <= observed + 1e-7) tail += p;
      return;
    }
    const i = Math.floor(cell / c);
    const j = cell % c;
    // The last cell of a row or column is forced.
    const lo = j === c - 1 ? rowLeft[i]! : i === r - 1 ? colLeft[j]! : 0;
    const hi = Math.min(rowLeft[i]!, colLeft[j]!);
    for (let v = lo; v <= hi; v++) {
      if (j === c - 1 && i === r - 1 && v !== colLeft[j]) continue;
      if (i === r - 1 && v !== colLeft[j]) continue;
      rowLeft[i]! -= v;
      colLeft[j]! -= v;
      visit(cell + 1, length - lf(v));
      rowLeft[i]! += v;
      colLeft[j]! += v;
    }
  };
  visit(0, 0);
  return tail / total;
}

describe('fisherExact against R fisher.test(workspace = 2e8) (scripts/reference/tables.R)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const p = fisherExact(c.table);
      if (BEYOND_BUDGET.has(c.name)) expect(p).toBeNull();
      else expectClose(p ?? NaN, c.pValue!, 1e-9, 'p');
    });
  }
  it('keeps the 2 × 2 tail to full relative precision (p ≈ 4.6e-169)', () => {
    const c = cases.find((k) => k.name === '2x2 p near 1e-160')!;
    expect(Math.abs(fisherExact(c.table)! / c.pValue! - 1)).toBeLessThan(1e-9);
  });
});

describe('fisherExact', () => {
  it('matches an exact enumeration of 2 × 3 tables with n = 1000 better than R does', () => {
    // Exact rational arithmetic (Python fractions) gives 2.6848451955405063e-50 for this table;
    // R's FEXACT gives 2.68484519541545e-50 (4.7e-11 off).
    expectClose(fisherExact([[58, 351, 211], [199, 114, 67]])!, 2.6848451955405063e-50, 1e-11, 'p');
  });

  it('agrees with a brute-force enumeration on small random tables (fast-check, seed 5)', () => {
    const table = fc.integer({ min: 2, max: 4 }).chain((r) =>
      fc.integer({ min: 2, max: 4 }).chain((c) => fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: c, maxLength: c }), { minLength: r, maxLength: r })),
    );
    fc.assert(
      fc.property(table, (t) => {
        const rows = t.filter((row) => row.some((v) => v > 0)).length;
        const cols = t[0]!.filter((_, j) => t.some((row) => row[j]! > 0)).length;
        const p = fisherExact(t);
        if (rows < 2 || cols < 2) expect(p).toBe(1);
        else expectClose(p!, bruteForce(t), 1e-9, 'p');
      }),
      { seed: 5, numRuns: 150 },
    );
  });

  it('is unchanged by transposing and by permuting rows and columns', () => {
    const t = [[3, 1, 0, 5], [2, 4, 6, 1], [0, 2, 3, 8]];
    const p = fisherExact(t)!;
    expectClose(fisherExact(t[0]!.map((_, j) => t.map((row) => row[j]!)))!, p, 1e-12, 'transposed');
    expectClose(fisherExact([t[2]!, t[0]!, t[1]!].map((row) => [row[3]!, row[1]!, row[0]!, row[2]!]))!, p, 1e-12, 'permuted');
  });

  it('gives 1 when the margins admit one table, and drops empty rows and columns', () => {
    expect(fisherExact([[3, 4, 5], [0, 0, 0]])).toBe(1);
    expect(fisherExact([[0, 0], [0, 0]])).toBe(1);
    expect(fisherExact([[5]])).toBe(1);
    expectClose(fisherExact([[12, 0, 7], [0, 0, 0], [5, 0, 15]])!, fisherExact([[12, 7], [5, 15]])!, 1e-15, 'dropped');
  });

  // Tests never time the machine; a 2 × 2 with n = 10 million finishes well inside the test timeout (O(√n) steps).
  it('is exact for 2 × 2 at any n', () => {
    expect(fisherExact([[2_500_000, 2_501_000], [2_499_000, 2_500_000]])).toBe(1);
  });

  it('gives null when an r × c table needs more work than the budget', () => {
    const job = [[1, 2, 1, 0], [3, 3, 6, 1], [10, 10, 14, 9], [6, 7, 12, 11]];
    expect(fisherExact(job, { budget: 1_000 })).toBeNull();
    expectClose(fisherExact(job, { budget: 1e6 })!, 0.782684938966531, 1e-9, 'job');
    expect(fisherExact([[20, 15, 10, 5, 8], [12, 18, 9, 14, 7], [6, 11, 22, 9, 13], [9, 7, 8, 19, 10], [15, 9, 12, 8, 21]])).toBeNull();
  });

  it('refuses negative, fractional and ragged tables', () => {
    expect(() => fisherExact([[1, -1], [2, 3]])).toThrow(RangeError);
    expect(() => fisherExact([[1, 0.5], [2, 3]])).toThrow(RangeError);
    expect(() => fisherExact([[1, 2], [3]])).toThrow(RangeError);
  });

  it('is what crosstab reports, unless skipped or the counts are not whole', () => {
    const t = [[12, 7], [5, 15]];
    expect(crosstab(t).fisherExactP).toBe(fisherExact(t));
    expect(crosstab(t, { fisher: false }).fisherExactP).toBeNull();
    expect(crosstab([[1.5, 2], [3, 4]]).fisherExactP).toBeNull();
    expect(crosstab([[0, 0], [0, 0]]).fisherExactP).toBeNull();
    expect(crosstab([[1, 2, 1, 0], [3, 3, 6, 1], [10, 10, 14, 9], [6, 7, 12, 11]], { fisherBudget: 1_000 }).fisherExactP).toBeNull();
  });
});
