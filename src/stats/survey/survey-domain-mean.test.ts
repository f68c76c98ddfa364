import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumericalError } from '../contract/method.ts';
import { expectClose } from '../testing/close.ts';
import { prepareSurveyDesign, type LonelyPsu, type SurveyDesignInput } from './design.ts';
import fixtures from './fixtures/survey-domain-mean.json' with { type: 'json' };
import { surveyDomainMean } from './survey-domain-mean.ts';
import { surveyMean } from './survey-mean.ts';

// Expected values: scripts/reference/survey-domain.R (R 4.2, survey 4.1: svymean over
// subset(design, d == 1) with deff = TRUE; confint with df = degf(subset) and degf(design)).
// Closed forms: agreement to rounding error. R's NaN (a null in the fixture) is NaN here.
const TOL = 1e-9;

interface DomainCase {
  name: string;
  lonelyPsu: LonelyPsu;
  level: number;
  y: number[];
  domain: number[];
  weights: number[];
  strata?: (string | number)[];
  clusters?: (string | number)[];
  fpc?: number[];
  expected: {
    estimate: number;
    standardError: number | null;
    lower: number | null;
    upper: number | null;
    designEffect: number | null;
    degreesOfFreedom: number;
    designDegreesOfFreedom: number;
    lowerDesignDf: number | null;
    upperDesignDf: number | null;
    n: number;
    sumWeights: number;
  };
}
const cases = fixtures.cases as unknown as DomainCase[];

const designOf = (c: DomainCase): SurveyDesignInput => ({
  weights: c.weights,
  lonelyPsu: c.lonelyPsu,
  ...(c.strata ? { strata: c.strata } : {}),
  ...(c.clusters ? { clusters: c.clusters } : {}),
  ...(c.fpc ? { fpc: c.fpc } : {}),
});
const nanIfNull = (x: number | null): number => (x === null ? NaN : x);

describe('surveyDomainMean against R svymean(subset(design, …))', () => {
  it('has the fixture cases', () => expect(cases.length).toBe(30));

  for (const c of cases) {
    it(c.name, () => {
      const e = c.expected;
      const r = surveyDomainMean(c.y, c.domain, designOf(c), { level: c.level });
      expectClose(r.estimate, e.estimate, TOL, `${c.name} estimate`);
      expectClose(r.standardError, nanIfNull(e.standardError), TOL, `${c.name} SE`);
      expectClose(r.lower, nanIfNull(e.lower), TOL, `${c.name} lower`);
      expectClose(r.upper, nanIfNull(e.upper), TOL, `${c.name} upper`);
      if (e.designEffect === null) expect(r.designEffect, `${c.name} deff`).toBeNull();
      else expectClose(r.designEffect ?? NaN, e.designEffect, TOL, `${c.name} deff`);
      expect(r.degreesOfFreedom).toBe(e.degreesOfFreedom);
      expect(r.n).toBe(e.n);
      expectClose(r.sumWeights, e.sumWeights, TOL, `${c.name} sumWeights`);
      if (e.degreesOfFreedom < 1) expect(r.warnings.join(' ')).toContain('degrees of freedom');

      const d = surveyDomainMean(c.y, c.domain, designOf(c), { level: c.level, degreesOfFreedom: 'design' });
      expect(d.degreesOfFreedom).toBe(e.designDegreesOfFreedom);
      expectClose(d.lower, nanIfNull(e.lowerDesignDf), TOL, `${c.name} lower (design df)`);
      expectClose(d.upper, nanIfNull(e.upperDesignDf), TOL, `${c.name} upper (design df)`);
    });
  }
});

describe('surveyDomainMean', () => {
  const c = cases.find((k) => k.name === 'stratified-clustered-fpc')!;

  it('over every unit is surveyMean', () => {
    for (const k of cases) {
      let design;
      try {
        design = prepareSurveyDesign(designOf(k));
        surveyMean(k.y, design, k.level);
      } catch {
        continue; // zero design df: surveyMean refuses
      }
      const all = surveyDomainMean(k.y, k.y.map(() => true), design, { level: k.level });
      const m = surveyMean(k.y, design, k.level);
      for (const key of ['estimate', 'standardError', 'lower', 'upper'] as const) expectClose(all[key], m[key], 1e-12, `${k.name} ${key}`);
      expect(all.designEffect === null).toBe(m.designEffect === null);
      if (m.designEffect !== null) expectClose(all.designEffect!, m.designEffect, 1e-12, `${k.name} deff`);
      expect([all.degreesOfFreedom, all.n, all.psus, all.strata]).toEqual([m.degreesOfFreedom, m.n, m.psus, m.strata]);
    }
  });

  it('accepts booleans, 0/1 and a prepared design alike, and reports the domain\'s counts', () => {
    const design = prepareSurveyDesign(designOf(c));
    const a = surveyDomainMean(c.y, c.domain, designOf(c), { level: c.level });
    const b = surveyDomainMean(Float64Array.from(c.y), c.domain.map((d) => d === 1), design, { level: c.level });
    expect(b).toEqual(a);
    expect(a.n).toBe(c.domain.filter((d) => d === 1).length);
    expect(a.degreesOfFreedom).toBe(a.psus - a.strata);
  });

  it('does not depend on y outside the domain', () => {
    const y = c.y.map((v, i) => (c.domain[i] ? v : 1e6 * (i + 1)));
    const a = surveyDomainMean(c.y, c.domain, designOf(c));
    const b = surveyDomainMean(y, c.domain, designOf(c));
    for (const key of ['estimate', 'standardError', 'lower', 'upper'] as const) expectClose(b[key], a[key], 1e-12, key);
  });

  it('refuses an empty domain, a domain of the wrong length or with other values, and y of the wrong length', () => {
    expect(() => surveyDomainMean(c.y, c.y.map(() => 0), designOf(c))).toThrow(NumericalError);
    expect(() => surveyDomainMean(c.y, c.y.map(() => 0), designOf(c))).toThrow(/no units/);
    expect(() => surveyDomainMean(c.y, c.domain.slice(1), designOf(c))).toThrow(/domain has/);
    expect(() => surveyDomainMean(c.y, c.domain.map((d) => d * 2), designOf(c))).toThrow(/domain\[\d+\]/);
    expect(() => surveyDomainMean(c.y.slice(1), c.domain, designOf(c))).toThrow(/y has/);
    expect(() => surveyDomainMean(c.y, c.domain, designOf(c), { level: 1 })).toThrow(/level/);
  });

  it('names a lonely stratum the domain occupies in its warnings, and not one it misses', () => {
    const inside = cases.find((k) => k.name === 'lonely-average-domain-in-lonely-stratum')!;
    const outside = cases.find((k) => k.name === 'lonely-average-domain-outside-lonely-stratum')!;
    expect(surveyDomainMean(inside.y, inside.domain, designOf(inside)).warnings.join(' ')).toContain('"C"');
    expect(surveyDomainMean(outside.y, outside.domain, designOf(outside)).warnings.join(' ')).not.toContain('"C"');
  });

  it('permuting units changes nothing (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.boolean(), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 3 }), fc.double({ min: 0.5, max: 50, noNaN: true })), { minLength: 12, maxLength: 60 }), fc.integer(), (units, seed) => {
        if (!units.some((u) => u[1])) return;
        const order = units.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b);
        const make = (us: typeof units): [number[], boolean[], SurveyDesignInput] => [us.map((u) => u[0]), us.map((u) => u[1]), { weights: us.map((u) => u[4]), strata: us.map((u) => u[2]), clusters: us.map((u) => u[3]), lonelyPsu: 'adjust' }];
        const a = surveyDomainMean(...make(units));
        const b = surveyDomainMean(...make(order.map((i) => units[i]!)));
        for (const key of ['estimate', 'standardError', 'lower', 'upper'] as const) expectClose(b[key], a[key], 1e-9, key);
        expect(b.degreesOfFreedom).toBe(a.degreesOfFreedom);
      }),
      { numRuns: 200, seed: 20180606 },
    );
  });
});
