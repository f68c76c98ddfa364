import { describe, expect, it } from 'vitest';
import { NumericalError } from '../contract/method.ts';
import { expectClose } from '../testing/close.ts';
import { prepareSurveyDesign } from './design.ts';
import { designOfCase, expectMatchesR, type SurveyCase } from './fixture-cases.ts';
import fixtures from './fixtures/survey-mean.json' with { type: 'json' };
import { surveyMean } from './survey-mean.ts';

const cases = fixtures.cases as unknown as SurveyCase[];

describe('surveyMean against R survey::svymean', () => {
  it('has the fixture cases', () => expect(cases.length).toBeGreaterThan(30));

  for (const c of cases) {
    it(c.name, () => {
      if (c.error) {
        // R: "Stratum (C) has only one PSU at stage 1"; Vindex names the same stratum.
        const stratum = /Stratum \((.*)\)/.exec(c.error)?.[1] ?? '';
        expect(() => surveyMean(c.y, designOfCase(c), c.level)).toThrow(NumericalError);
        expect(() => surveyMean(c.y, designOfCase(c), c.level)).toThrow(`"${stratum}"`);
        return;
      }
      const actual = surveyMean(c.y, designOfCase(c), c.level);
      expectMatchesR(actual, c.expected!, c.name);
      expect(actual.level).toBe(c.level);
      expect(actual.n).toBe(c.y.length);
    });
  }

  it('gives the same answer from a prepared design and from typed arrays', () => {
    const c = cases.find((k) => k.name === 'stratified-clustered-fpc')!;
    const design = prepareSurveyDesign(designOfCase(c));
    const typed = surveyMean(Float64Array.from(c.y), { ...designOfCase(c), weights: Float64Array.from(c.weights), fpc: Float64Array.from(c.fpc!) }, c.level);
    expectMatchesR(surveyMean(c.y, design, c.level), c.expected!, 'prepared');
    expectMatchesR(typed, c.expected!, 'typed');
  });

  it('reports the design counts and warns about lonely strata it handled', () => {
    const c = cases.find((k) => k.name === 'lonely-cluster-average')!;
    const r = surveyMean(c.y, designOfCase(c), c.level);
    expect([r.strata, r.psus]).toEqual([4, 7]);
    expect(r.warnings.join(' ')).toContain('"v"');
    expect(r.warnings.join(' ')).toContain('"y"');
  });

  it('gives a null design effect with a warning when the weights sum to no more than n', () => {
    const r = surveyMean([1, 2, 3, 4], { weights: [1, 1, 1, 1] });
    expect(r.designEffect).toBeNull();
    expect(r.warnings[0]).toContain('weights sum to 4');
  });
});

describe('surveyMean edge cases', () => {
  const y = [1, 2, 3, 4, 5, 6];
  const weights = [2, 2, 3, 3, 4, 4];

  it('refuses zero degrees of freedom', () => {
    expect(() => surveyMean([1, 2], { weights: [1, 1], strata: ['a', 'b'], lonelyPsu: 'certainty' })).toThrow(/0 degrees of freedom/);
    expect(() => surveyMean([5], { weights: [1] })).toThrow(/single PSU/);
  });

  it('refuses "average" when every stratum is lonely', () => {
    expect(() => surveyMean([1, 2], { weights: [1, 1], strata: ['a', 'b'], lonelyPsu: 'average' })).toThrow(/every stratum has a single PSU/);
  });

  it('refuses an fpc that varies within a stratum or is below the sample size', () => {
    expect(() => surveyMean(y, { weights, strata: [1, 1, 1, 2, 2, 2], fpc: [10, 10, 11, 20, 20, 20] })).toThrow(/fpc varies within stratum "1"/);
    expect(() => surveyMean(y, { weights, strata: [1, 1, 1, 2, 2, 2], fpc: [10, 10, 10, 2, 2, 2] })).toThrow(/fpc 2 of stratum "2" is smaller than the 3 units/);
    expect(() => surveyMean(y, { weights, clusters: [1, 1, 2, 2, 3, 3], fpc: [2, 2, 2, 2, 2, 2] })).toThrow(/smaller than the 3 PSUs/);
  });

  it('refuses bad weights, lengths and y', () => {
    expect(() => surveyMean(y, { weights: [2, 2, 0, 3, 4, 4] })).toThrow(/weights\[2\] must be finite and positive/);
    expect(() => surveyMean(y, { weights: [2, 2, NaN, 3, 4, 4] })).toThrow(NumericalError);
    expect(() => surveyMean(y, { weights, strata: [1, 2] })).toThrow(/strata has 2 values but weights has 6/);
    expect(() => surveyMean([1, 2], { weights })).toThrow(/y has 2 values/);
    expect(() => surveyMean([1, 2, NaN, 4, 5, 6], { weights })).toThrow(/y\[2\]/);
    expect(() => surveyMean(y, { weights }, 1)).toThrow(/level/);
  });

  it('reads cluster labels within strata (nest = TRUE)', () => {
    // Cluster 1 of stratum a and cluster 1 of stratum b are two PSUs: 4 PSUs, 2 strata.
    const r = surveyMean(y, { weights, strata: ['a', 'a', 'a', 'b', 'b', 'b'], clusters: [1, 1, 2, 1, 2, 2] });
    expect([r.psus, r.degreesOfFreedom]).toEqual([4, 2]);
  });

  it('treats one-unit clusters as the units themselves, by lookup table or (for many labels) by map', () => {
    for (const [n, H] of [[300, 7], [3000, 1000]]) {
      // 3000 cluster labels × 1000 strata exceeds the dense-table budget, so PSUs are keyed in a Map.
      const yy = Array.from({ length: n }, (_, i) => (i * 37) % 101);
      const ww = Array.from({ length: n }, (_, i) => 1 + (i % 5));
      const strata = Array.from({ length: n }, (_, i) => i % H);
      const byUnit = surveyMean(yy, { weights: ww, strata, lonelyPsu: 'adjust' });
      const byCluster = surveyMean(yy, { weights: ww, strata, clusters: Array.from({ length: n }, (_, i) => `c${i}`), lonelyPsu: 'adjust' });
      expect(byCluster.psus).toBe(n);
      expectClose(byCluster.standardError, byUnit.standardError, 1e-12, `n = ${n} standardError`);
    }
  });

  it('gives SE 0 for a census (fpc equal to the sample size)', () => {
    const r = surveyMean(y, { weights: [1, 1, 1, 1, 1, 1], fpc: [6, 6, 6, 6, 6, 6] });
    expect(r.standardError).toBe(0);
    expect([r.lower, r.upper]).toEqual([r.estimate, r.estimate]);
  });
});
