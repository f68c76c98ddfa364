import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumericalError } from '../contract/method.ts';
import { expectClose } from '../testing/close.ts';
import type { Category, Rating } from './categories.ts';
import { cohenKappa, cohenKappaTable, type CohenKappaResult, type KappaWeights } from './cohen-kappa.ts';
import fixtures from './fixtures/cohen-kappa.json' with { type: 'json' };

// Closed-form statistics: agreement with R to rounding.
const TOL = 1e-9;

interface Expected {
  kappa: number | null;
  standardError: number | null;
  lower: number | null;
  upper: number | null;
  observedAgreement: number;
  expectedAgreement: number;
  n: number;
  categories: Category[];
}
interface Case {
  name: string;
  pairs?: [Rating, Rating][];
  table?: number[][];
  weights: KappaWeights;
  level: number;
  categories?: Category[];
  expected: Expected;
}
const cases = fixtures.cases as unknown as Case[];

/** R's NaN is null in the fixtures. */
const num = (x: number | null): number => x ?? NaN;

function pairsOfTable(table: number[][]): [number, number][] {
  const pairs: [number, number][] = [];
  table.forEach((row, i) => row.forEach((count, j) => {
    for (let c = 0; c < count; c++) pairs.push([i + 1, j + 1]);
  }));
  return pairs;
}

function expectMatches(actual: CohenKappaResult, e: Expected, label: string): void {
  for (const key of ['kappa', 'standardError', 'lower', 'upper'] as const) expectClose(actual[key], num(e[key]), TOL, `${label} ${key}`);
  expectClose(actual.observedAgreement, e.observedAgreement, TOL, `${label} observedAgreement`);
  expectClose(actual.expectedAgreement, e.expectedAgreement, TOL, `${label} expectedAgreement`);
  expect(actual.n).toBe(e.n);
  expect(actual.categories).toEqual(e.categories);
}

describe('cohenKappa agrees with R vcd::Kappa and confint', () => {
  for (const c of cases) {
    it(c.name, () => {
      const pairs = c.pairs ?? pairsOfTable(c.table!);
      const options = { weights: c.weights, level: c.level, ...(c.categories ? { categories: c.categories } : {}) };
      expectMatches(cohenKappa(pairs, options), c.expected, c.name);
    });
  }
});

describe('cohenKappa reproduces published values', () => {
  const byName = (prefix: string) => cases.find((c) => c.name.startsWith(prefix))!;
  it('Stuart (1953) vision table: κ 0.5954, quadratic-weighted 0.7023', () => {
    const pairs = pairsOfTable(byName('vision Stuart 1953 [none]').table!);
    expect(pairs.length).toBe(7477);
    expectClose(cohenKappa(pairs).kappa, 0.5954, 5e-5, 'kappa');
    expectClose(cohenKappa(pairs, { weights: 'quadratic' }).kappa, 0.7023, 5e-5, 'quadratic kappa');
  });
  it('irr anxiety, raters 1 and 2: κ 0.119', () => {
    expectClose(cohenKappa(byName('anxiety r1-r2 (irr, published kappa 0.119) [none]').pairs!).kappa, 0.119, 5e-4, 'kappa');
  });
  it('cohenKappaTable gives the same as the expanded pairs', () => {
    const table = byName('vision Stuart 1953 [linear]').table!;
    const a = cohenKappaTable(table, { weights: 'linear' });
    const b = cohenKappa(pairsOfTable(table), { weights: 'linear' });
    expectClose(a.kappa, b.kappa, 1e-12, 'kappa');
    expectClose(a.standardError, b.standardError, 1e-12, 'standardError');
  });
});

describe('cohenKappa edge cases', () => {
  it('one category: expected agreement 1, κ undefined (NaN as R) with a warning', () => {
    const r = cohenKappa([[3, 3], [3, 3], [3, 3]], { weights: 'linear' });
    expect(r.expectedAgreement).toBe(1);
    expect(r.observedAgreement).toBe(1);
    for (const v of [r.kappa, r.standardError, r.lower, r.upper]) expect(v).toBeNaN();
    expect(r.warnings.join(' ')).toMatch(/undefined/);
  });
  it('drops pairs with a missing rating (null, undefined or NaN) and says so', () => {
    const r = cohenKappa([[1, 1], [2, null], [NaN, 2], [2, 2], [1, 2], [undefined, 1]]);
    expect(r.n).toBe(3);
    expect(r.warnings[0]).toMatch(/3 of 6 units/);
  });
  it('orders numbers by value and strings by code unit', () => {
    expect(cohenKappa([[10, 9], [2, 10]]).categories).toEqual([2, 9, 10]);
    expect(cohenKappa([['b', 'a'], ['B', 'b']]).categories).toEqual(['B', 'a', 'b']);
  });
  it('rejects bad input', () => {
    expect(() => cohenKappa([])).toThrow(NumericalError);
    expect(() => cohenKappa([[null, 1]])).toThrow(/at least one unit/);
    expect(() => cohenKappa([[1, 'a']])).toThrow(/mix numbers and strings/);
    expect(() => cohenKappa([[1, 2]], { categories: [1, 3] })).toThrow(/not among the categories/);
    expect(() => cohenKappa([[1, 2]], { categories: [1, 2, 1] })).toThrow(/distinct/);
    expect(() => cohenKappa([[1, 2]], { level: 1 })).toThrow(/level/);
    expect(() => cohenKappa([[1, Infinity]])).toThrow(/finite/);
    expect(() => cohenKappaTable([[1, 2]])).toThrow(/square/);
  });
});

describe('cohenKappa properties', () => {
  const weights = fc.constantFrom<KappaWeights>('none', 'linear', 'quadratic');
  const pairs = fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), { minLength: 2, maxLength: 60 });

  it('κ = 1 for perfect agreement with at least two categories', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 60 }), weights, (xs, w) => {
        fc.pre(new Set(xs).size >= 2);
        expectClose(cohenKappa(xs.map((x) => [x, x] as const), { weights: w }).kappa, 1, 1e-12, 'kappa');
      }),
    );
  });

  it('permuting units leaves the result unchanged', () => {
    fc.assert(
      fc.property(withPermutation(pairs), weights, ([ps, shuffled], w) => {
        const a = cohenKappa(ps, { weights: w });
        const b = cohenKappa(shuffled, { weights: w });
        for (const key of ['kappa', 'standardError', 'observedAgreement', 'expectedAgreement'] as const) expectClose(b[key], a[key], 1e-12, key);
      }),
    );
  });

  it('swapping the two raters leaves κ and its SE unchanged', () => {
    fc.assert(
      fc.property(pairs, weights, (ps, w) => {
        const a = cohenKappa(ps, { weights: w });
        const b = cohenKappa(ps.map(([x, y]) => [y, x] as const), { weights: w });
        expectClose(b.kappa, a.kappa, 1e-12, 'kappa');
        // Compared as variances: near perfect agreement the SE is the square root of a cancellation (~1e-16).
        expectClose(b.standardError ** 2, a.standardError ** 2, 1e-12, 'variance');
      }),
    );
  });
});

/** An array and a permutation of it. */
function withPermutation<T>(arrays: fc.Arbitrary<T[]>): fc.Arbitrary<[T[], T[]]> {
  return arrays.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })));
}
