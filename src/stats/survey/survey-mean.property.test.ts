import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close.ts';
import { prepareSurveyDesign, type LonelyPsu, type SurveyDesignInput } from './design.ts';
import { surveyMean, type SurveyEstimate } from './survey-mean.ts';
import { surveyProportion } from './survey-proportion.ts';

// Reordering or rescaling only changes the order of floating-point sums.
const TOL = 1e-9;

interface Unit {
  y: number;
  w: number;
  stratum: number;
  cluster: number;
}
interface Sample {
  units: Unit[];
  stratified: boolean;
  clustered: boolean;
  withFpc: boolean;
  extra: number[];
  lonelyPsu: LonelyPsu;
}

const unit = (y: fc.Arbitrary<number>) =>
  fc.record({ y, w: fc.double({ min: 0.1, max: 100, noNaN: true }), stratum: fc.integer({ min: 0, max: 3 }), cluster: fc.integer({ min: 0, max: 4 }) });

const sample = (y: fc.Arbitrary<number>) =>
  fc.record({
    units: fc.array(unit(y), { minLength: 3, maxLength: 40 }),
    stratified: fc.boolean(),
    clustered: fc.boolean(),
    withFpc: fc.boolean(),
    extra: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 4, maxLength: 4 }),
    lonelyPsu: fc.constantFrom<LonelyPsu>('remove', 'certainty', 'adjust', 'average'),
  });

function designOf(s: Sample, units: readonly Unit[] = s.units, scale = 1): SurveyDesignInput {
  // fpc: each stratum's sampled PSUs plus a drawn surplus, the same on every unit of the stratum.
  const psus = new Map<number, Set<number | string>>();
  for (const [i, u] of s.units.entries()) {
    const h = s.stratified ? u.stratum : 0;
    if (!psus.has(h)) psus.set(h, new Set());
    psus.get(h)!.add(s.clustered ? u.cluster : `unit ${i}`);
  }
  return {
    weights: units.map((u) => u.w * scale),
    lonelyPsu: s.lonelyPsu,
    ...(s.stratified ? { strata: units.map((u) => `s${u.stratum}`) } : {}),
    ...(s.clustered ? { clusters: units.map((u) => u.cluster) } : {}),
    ...(s.withFpc ? { fpc: units.map((u) => psus.get(s.stratified ? u.stratum : 0)!.size + s.extra[s.stratified ? u.stratum : 0]) } : {}),
  };
}

/** Designs with an answer: at least one degree of freedom, and something to average over. */
function answerable(s: Sample): boolean {
  try {
    return prepareSurveyDesign(designOf(s)).degreesOfFreedom >= 1;
  } catch {
    return false;
  }
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function expectSame(a: SurveyEstimate, b: SurveyEstimate, label: string, withDesignEffect = true): void {
  expectClose(a.estimate, b.estimate, TOL, `${label} estimate`);
  expectClose(a.standardError, b.standardError, TOL, `${label} standardError`);
  expect(a.degreesOfFreedom).toBe(b.degreesOfFreedom);
  if (withDesignEffect) {
    if (a.designEffect === null || b.designEffect === null) expect(a.designEffect).toBe(b.designEffect);
    else expectClose(a.designEffect, b.designEffect, TOL, `${label} designEffect`);
  }
}

const values = fc.double({ min: -1000, max: 1000, noNaN: true });

describe('surveyMean properties', () => {
  it('lies within [min y, max y] and inside its interval', () => {
    fc.assert(
      fc.property(sample(values), (s) => {
        fc.pre(answerable(s));
        const y = s.units.map((u) => u.y);
        const r = surveyMean(y, designOf(s));
        const slack = 1e-12 * Math.max(1, ...y.map(Math.abs));
        expect(r.estimate).toBeGreaterThanOrEqual(Math.min(...y) - slack);
        expect(r.estimate).toBeLessThanOrEqual(Math.max(...y) + slack);
        expect(r.lower).toBeLessThanOrEqual(r.estimate);
        expect(r.upper).toBeGreaterThanOrEqual(r.estimate);
        expect(r.standardError).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('does not depend on the order of the units', () => {
    fc.assert(
      fc.property(sample(values), fc.integer(), (s, seed) => {
        fc.pre(answerable(s));
        const shuffled = shuffle(s.units, seed);
        expectSame(surveyMean(shuffled.map((u) => u.y), designOf(s, shuffled)), surveyMean(s.units.map((u) => u.y), designOf(s)), 'permuted');
      }),
    );
  });

  it('does not depend on the scale of the weights (the design effect does: it compares with SRS from N̂ = Σw)', () => {
    fc.assert(
      fc.property(sample(values), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (s, c) => {
        fc.pre(answerable(s));
        const y = s.units.map((u) => u.y);
        expectSame(surveyMean(y, designOf(s, s.units, c)), surveyMean(y, designOf(s)), `weights × ${c}`, false);
      }),
    );
  });
});

describe('surveyProportion properties', () => {
  it('stays in [0, 1] with the logit interval, and every interval holds the estimate', () => {
    fc.assert(
      fc.property(sample(fc.constantFrom(0, 1)), (s) => {
        fc.pre(answerable(s));
        const y = s.units.map((u) => u.y);
        const wald = surveyProportion(y, designOf(s), 0.95, 'wald');
        const logit = surveyProportion(y, designOf(s), 0.95, 'logit');
        expect(wald.estimate).toBe(logit.estimate);
        for (const r of [wald, logit]) {
          expect(r.estimate).toBeGreaterThanOrEqual(0);
          expect(r.estimate).toBeLessThanOrEqual(1);
          expect(r.lower).toBeLessThanOrEqual(r.estimate);
          expect(r.upper).toBeGreaterThanOrEqual(r.estimate);
        }
        expect(logit.lower).toBeGreaterThanOrEqual(0);
        expect(logit.upper).toBeLessThanOrEqual(1);
      }),
    );
  });
});
