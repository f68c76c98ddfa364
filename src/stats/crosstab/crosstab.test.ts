import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close.ts';
import { crosstab } from './crosstab.ts';
import fixture from './fixtures/crosstab.json' with { type: 'json' };

interface Test {
  statistic: number;
  df: number;
  pValue: number;
}
interface Case {
  name: string;
  table: number[][];
  expected: (number | null)[][];
  degenerate: boolean;
  chiSquare?: Test;
  likelihoodRatio?: Test;
  cramersV?: number;
  adjustedResiduals?: (number | null)[][];
  fisherExactP?: number | null;
}
const cases = fixture.cases as Case[];
// Closed forms, and Fisher p (R's FEXACT agrees with an exact enumeration to ~1e-11, Vindex to ~1e-12).
const TOL = 1e-9;

describe('crosstab against R (scripts/reference/tables.R)', () => {
  it('covers 2×2, 3×4, 5×2, zero cells, empty rows and seeded random tables', () => {
    expect(cases.filter((c) => c.name.startsWith('random')).length).toBeGreaterThanOrEqual(30);
    expect(cases.filter((c) => c.fisherExactP != null).length).toBeGreaterThanOrEqual(30);
    expect(cases.filter((c) => c.degenerate && c.fisherExactP !== undefined).length).toBeGreaterThanOrEqual(3);
  });
  for (const c of cases) {
    it(c.name, () => {
      const r = crosstab(c.table);
      // R's NaN (0/0 in an all-zero table) is null in the fixture.
      c.expected.forEach((row, i) => row.forEach((e, j) => expectClose(r.expected[i]![j]!, e ?? NaN, TOL, `expected[${i}][${j}]`)));
      if (c.fisherExactP !== undefined) {
        if (c.fisherExactP === null) expect(r.fisherExactP).toBeNull();
        else expectClose(r.fisherExactP ?? NaN, c.fisherExactP, TOL, 'fisherExactP');
      }
      if (c.degenerate) {
        expect(Number.isNaN(r.chiSquare.statistic) && Number.isNaN(r.likelihoodRatio.statistic) && Number.isNaN(r.cramersV)).toBe(true);
        return;
      }
      for (const key of ['chiSquare', 'likelihoodRatio'] as const) {
        expectClose(r[key].statistic, c[key]!.statistic, TOL, `${key} statistic`);
        expect(r[key].df).toBe(c[key]!.df);
        expectClose(r[key].pValue, c[key]!.pValue, TOL, `${key} p`);
      }
      expectClose(r.cramersV, c.cramersV!, TOL, 'cramersV');
      c.adjustedResiduals!.forEach((row, i) =>
        row.forEach((e, j) => (e === null ? expect(r.adjustedResiduals[i]![j]).toBeNaN() : expectClose(r.adjustedResiduals[i]![j]!, e, TOL, `adjustedResiduals[${i}][${j}]`))),
      );
    });
  }
});

describe('crosstab properties (fast-check, seed 11)', () => {
  const table = fc.integer({ min: 2, max: 4 }).chain((r) =>
    fc.integer({ min: 2, max: 4 }).chain((c) => fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: c, maxLength: c }), { minLength: r, maxLength: r })),
  );
  const same = (a: number, b: number, label: string) => (Number.isNaN(a) ? expect(b).toBeNaN() : expectClose(b, a, 1e-9, label));
  it('χ², G² and V are invariant to transposing the table', () => {
    fc.assert(
      fc.property(table, (t) => {
        const a = crosstab(t, { fisher: false });
        const b = crosstab(t[0]!.map((_, j) => t.map((row) => row[j]!)), { fisher: false });
        same(a.chiSquare.statistic, b.chiSquare.statistic, 'χ²');
        same(a.likelihoodRatio.statistic, b.likelihoodRatio.statistic, 'G²');
        same(a.cramersV, b.cramersV, 'V');
        expect(b.chiSquare.df).toBe(a.chiSquare.df);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
  it('permuting rows leaves χ², df, V and the Fisher p unchanged', () => {
    fc.assert(
      fc.property(table, fc.infiniteStream(fc.nat()), (t, stream) => {
        const order = t.map((_, i) => i);
        const it2 = stream[Symbol.iterator]();
        for (let i = order.length - 1; i > 0; i--) {
          const j = it2.next().value! % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        const a = crosstab(t);
        const b = crosstab(order.map((i) => t[i]!));
        same(a.chiSquare.statistic, b.chiSquare.statistic, 'χ²');
        same(a.cramersV, b.cramersV, 'V');
        expect(b.chiSquare.df).toBe(a.chiSquare.df);
        if (a.fisherExactP === null || b.fisherExactP === null) expect(a.fisherExactP).toBe(b.fisherExactP);
        else expectClose(b.fisherExactP, a.fisherExactP, 1e-9, 'Fisher p');
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});
