import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close.ts';
import { cochranArmitageTrend } from './cochran-armitage.ts';
import fixture from './fixtures/trend.json' with { type: 'json' };

interface Case {
  name: string;
  successes: number[];
  totals: number[];
  scores?: number[];
  statistic: number;
  df: number;
  pValue: number;
}
const cases = fixture.cases as Case[];
const TOL = 1e-9;

describe('cochranArmitageTrend against R prop.trend.test (scripts/reference/tables.R)', () => {
  it('covers named cases and seeded random ones', () => {
    expect(cases.filter((c) => c.name.startsWith('random')).length).toBeGreaterThanOrEqual(20);
  });
  for (const c of cases) {
    it(c.name, () => {
      const r = cochranArmitageTrend(c.successes, c.totals, c.scores);
      expectClose(r.statistic, c.statistic, TOL, 'statistic');
      expect(r.df).toBe(1);
      expectClose(r.pValue, c.pValue, TOL, 'p-value');
    });
  }
});

describe('cochranArmitageTrend edge cases', () => {
  it('is unchanged by a linear change of scores', () => {
    const a = cochranArmitageTrend([15, 10, 5, 9], [30, 31, 29, 40], [1, 2, 3, 4]);
    const b = cochranArmitageTrend([15, 10, 5, 9], [30, 31, 29, 40], [-7, -12, -17, -22]);
    expectClose(b.statistic, a.statistic, 1e-12, 'statistic');
  });
  it('gives NaN when there is nothing to test (as R gives NA or stops)', () => {
    for (const [x, n, s] of [
      [[0, 0, 0], [30, 30, 30], undefined],
      [[30, 30, 30], [30, 30, 30], undefined],
      [[15, 10, 5], [30, 30, 30], [1, 1, 1]],
      [[15], [30], undefined],
      [[0, 15], [0, 30], undefined],
    ] as const) {
      const r = cochranArmitageTrend(x, n, s);
      expect(Number.isNaN(r.statistic) && Number.isNaN(r.pValue)).toBe(true);
    }
  });
  it('rejects inconsistent input', () => {
    expect(() => cochranArmitageTrend([1, 2], [3])).toThrow(RangeError);
    expect(() => cochranArmitageTrend([1, 2], [3, 4], [1])).toThrow(RangeError);
    expect(() => cochranArmitageTrend([5, 2], [3, 4])).toThrow(RangeError);
    expect(() => cochranArmitageTrend([-1, 2], [3, 4])).toThrow(RangeError);
    expect(() => cochranArmitageTrend([1, 2], [3, 4], [1, Infinity])).toThrow(RangeError);
  });
});
