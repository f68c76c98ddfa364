import { describe, expect, it } from 'vitest';
import { expectClose } from '../stats/testing/close.ts';
import { fillYears, poissonTrend } from './count-trend.ts';

describe('poissonTrend (score test of a log-linear trend in counts)', () => {
  it('as R anova(glm(c(3,5,4,9,12) ~ 2015:2019, poisson, epsilon = 1e-15), test = "Rao")', () => {
    const t = poissonTrend([3, 5, 4, 9, 12], [2015, 2016, 2017, 2018, 2019])!;
    expectClose(t.statistic, 7.3333333360076312, 1e-9);
    expectClose(t.statistic, 22 / 3, 1e-15); // U = 22, x̄ = 6.6, Σ(s − s̄)² = 10: 484 / 66
  });

  it('nothing to test: one year, no counts, mismatched lengths throw', () => {
    expect(poissonTrend([4], [2020])).toBeNull();
    expect(poissonTrend([0, 0], [2020, 2021])).toBeNull();
    expect(() => poissonTrend([1, 2], [2020])).toThrow(RangeError);
  });

  it('fillYears puts zeros in the years without units', () => {
    expect(fillYears(new Map([[2012, 3], [2015, 1]]))).toEqual({ years: [2012, 2013, 2014, 2015], counts: [3, 0, 0, 1] });
    expect(fillYears(new Map())).toEqual({ years: [], counts: [] });
  });
});
