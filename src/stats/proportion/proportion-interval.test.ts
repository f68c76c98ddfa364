import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close.ts';
import { agrestiCoullInterval } from './agresti-coull.ts';
import { clopperPearsonInterval } from './clopper-pearson.ts';
import fixture from './fixtures/proportion.json' with { type: 'json' };
import { jeffreysInterval } from './jeffreys.ts';
import { PROPORTION_METHODS, proportionInterval, type ProportionMethod } from './proportion-interval.ts';
import { wilsonInterval } from './wilson.ts';

interface Case {
  x: number;
  n: number;
  method: ProportionMethod;
  level: number;
  estimate: number;
  lower: number;
  upper: number;
  random?: boolean;
}
const cases = fixture.cases as Case[];
// Closed forms, and beta quantiles that stdlib inverts to full precision.
const TOL = 1e-9;

describe('proportion intervals against R (scripts/reference/tables.R)', () => {
  it('cover every method at x = 0, x = n, n = 1, levels 0.9 and 0.99, and seeded random requests', () => {
    for (const m of PROPORTION_METHODS) {
      const mine = cases.filter((c) => c.method === m);
      expect(mine.some((c) => c.x === 0) && mine.some((c) => c.x === c.n) && mine.some((c) => c.n === 1)).toBe(true);
      expect(mine.some((c) => c.level === 0.9) && mine.some((c) => c.level === 0.99)).toBe(true);
      expect(mine.filter((c) => c.random).length).toBeGreaterThanOrEqual(10);
    }
  });
  for (const c of cases) {
    it(`${c.method} x = ${c.x}, n = ${c.n}, level ${c.level}`, () => {
      const r = proportionInterval(c.x, c.n, c.method, c.level);
      expectClose(r.estimate, c.estimate, TOL, 'estimate');
      expectClose(r.lower, c.lower, TOL, 'lower');
      expectClose(r.upper, c.upper, TOL, 'upper');
    });
  }
});

describe('proportion interval functions', () => {
  it('default to level 0.95 and Wilson', () => {
    expect(proportionInterval(3, 10)).toEqual(wilsonInterval(3, 10, 0.95));
    for (const f of [wilsonInterval, clopperPearsonInterval, agrestiCoullInterval, jeffreysInterval]) expect(f(3, 10)).toEqual(f(3, 10, 0.95));
  });
  it('reject n = 0, x outside [0, n], fractional counts, a level outside (0, 1) and unknown methods', () => {
    for (const f of [wilsonInterval, clopperPearsonInterval, agrestiCoullInterval, jeffreysInterval]) {
      expect(() => f(0, 0)).toThrow(RangeError);
      expect(() => f(4, 3)).toThrow(RangeError);
      expect(() => f(-1, 3)).toThrow(RangeError);
      expect(() => f(1.5, 3)).toThrow(RangeError);
      expect(() => f(1, 3, 1)).toThrow(RangeError);
      expect(() => f(1, 3, 0)).toThrow(RangeError);
    }
    expect(() => proportionInterval(1, 3, 'wald' as ProportionMethod)).toThrow(RangeError);
  });
});

describe('proportion interval properties (fast-check, seed 7)', () => {
  const request = fc
    .integer({ min: 1, max: 1_000_000 })
    .chain((n) => fc.record({ n: fc.constant(n), x: fc.integer({ min: 0, max: n }), level: fc.double({ min: 0.5, max: 0.9999, noNaN: true }), method: fc.constantFrom(...PROPORTION_METHODS) }));
  it('contain the estimate x/n and stay within [0, 1]', () => {
    fc.assert(
      fc.property(request, ({ x, n, level, method }) => {
        const r = proportionInterval(x, n, method, level);
        return r.estimate === x / n && r.lower >= 0 && r.upper <= 1 && r.lower <= r.estimate && r.estimate <= r.upper;
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
  it('widen as the level rises', () => {
    fc.assert(
      fc.property(request, ({ x, n, level, method }) => {
        const narrow = proportionInterval(x, n, method, level * 0.9);
        const wide = proportionInterval(x, n, method, level);
        return wide.lower <= narrow.lower + 1e-15 && wide.upper >= narrow.upper - 1e-15;
      }),
      { seed: 7, numRuns: 1000 },
    );
  });
});
