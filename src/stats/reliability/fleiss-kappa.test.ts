import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumericalError } from '../contract/method.ts';
import { expectClose } from '../testing/close.ts';
import type { Rating } from './categories.ts';
import { fleissKappa } from './fleiss-kappa.ts';
import fixtures from './fixtures/fleiss-kappa.json' with { type: 'json' };

const TOL = 1e-9;

interface Case {
  name: string;
  ratings: Rating[][];
  expected: {
    kappa: number | null;
    standardError: number | null;
    z: number | null;
    pValue: number | null;
    subjects: number;
    raters: number;
  };
}
const cases = fixtures.cases as unknown as Case[];
const num = (x: number | null): number => x ?? NaN;

describe('fleissKappa agrees with irr::kappam.fleiss (transcribed in R)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = fleissKappa(c.ratings);
      for (const key of ['kappa', 'standardError', 'z', 'pValue'] as const) expectClose(r[key], num(c.expected[key]), TOL, `${c.name} ${key}`);
      expect(r.subjects).toBe(c.expected.subjects);
      expect(r.raters).toBe(c.expected.raters);
    });
  }

  it('Fleiss (1971) diagnoses: κ = 0.430 (irr 0.430245), z 17.65', () => {
    const r = fleissKappa(cases.find((c) => c.name.startsWith('diagnoses'))!.ratings);
    expectClose(r.kappa, 0.430245, 5e-7, 'kappa');
    expect(r.z.toFixed(2)).toBe('17.65');
  });
});

describe('fleissKappa edge cases', () => {
  it('one category everywhere: κ, SE, z and p are NaN (as R) with a warning', () => {
    const r = fleissKappa([[2, 2, 2], [2, 2, 2]]);
    for (const v of [r.kappa, r.standardError, r.z, r.pValue]) expect(v).toBeNaN();
    expect(r.warnings.join(' ')).toMatch(/undefined/);
  });
  it('drops units with a missing rating, as irr does, and says so', () => {
    const r = fleissKappa([[1, 1], [1, null], [2, 2], [1, 2]]);
    expect(r.subjects).toBe(3);
    expect(r.warnings[0]).toMatch(/1 of 4 units/);
  });
  it('accepts typed-array rows and string categories', () => {
    const a = fleissKappa([Float64Array.of(1, 2, 2), Float64Array.of(1, 1, 1), Float64Array.of(2, 2, 1)]);
    const b = fleissKappa([['x', 'y', 'y'], ['x', 'x', 'x'], ['y', 'y', 'x']]);
    expectClose(b.kappa, a.kappa, 1e-15, 'kappa');
  });
  it('rejects bad input', () => {
    expect(() => fleissKappa([[1], [2]])).toThrow(/at least 2 raters/);
    expect(() => fleissKappa([])).toThrow(NumericalError);
    expect(() => fleissKappa([[1, 2], [1]])).toThrow(/one rating per rater/);
    expect(() => fleissKappa([[1, null]])).toThrow(/at least one unit/);
  });
});

describe('fleissKappa properties', () => {
  const ratings = fc.integer({ min: 2, max: 6 }).chain((raters) =>
    fc.array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: raters, maxLength: raters }), { minLength: 2, maxLength: 40 }),
  );

  it('κ = 1 for perfect agreement with at least two categories', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 40 }), fc.integer({ min: 2, max: 6 }), (truth, raters) => {
        fc.pre(new Set(truth).size >= 2);
        expectClose(fleissKappa(truth.map((t) => new Array<number>(raters).fill(t))).kappa, 1, 1e-12, 'kappa');
      }),
    );
  });

  it('permuting units, or the raters within units, leaves the result unchanged', () => {
    fc.assert(
      fc.property(ratings.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))), ([rs, shuffled]) => {
        const a = fleissKappa(rs);
        const b = fleissKappa(shuffled.map((row) => [...row].reverse()));
        for (const key of ['kappa', 'standardError', 'z'] as const) expectClose(b[key], a[key], 1e-12, key);
      }),
    );
  });
});
