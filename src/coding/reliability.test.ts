import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectClose } from '../stats/testing/close.ts';
import { reviewStore, type ReviewStore } from './fixtures/review-store.ts';
import { computeRoundReliability, DEFAULT_THRESHOLDS, reliabilityVariable, variableReliability, type UnitCoding, type VariableReliabilityOptions } from './reliability.ts';

const dir = join(import.meta.dirname, 'fixtures');
const csv = readFileSync(join(dir, 'coded-round.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const coded = csv.map(([, unit, coder, variable, value]) => ({ unitKey: unit!, coder: coder!, variable: variable!, value: value! }));

interface RVariable {
  variable: string; level: string; units: number; codings: number; percentAgreement: number; cohenKappa: number | null;
  pairwiseKappa: { coders: string[]; units: number; kappa: number }[]; fleissKappa: number | null; krippendorffAlpha: number; pairableUnits: number;
  bootstrap: { percentAgreement: { lower: number; upper: number }; krippendorffAlpha: { lower: number; upper: number } };
}
interface RCase { name: string; coders: string[]; ratersPerOverlap: number; kappaWeights: 'linear' | 'quadratic'; variables: RVariable[] }
const reference = JSON.parse(readFileSync(join(dir, 'coded-round-reliability.json'), 'utf8')) as { cases: RCase[] };

const optionsOf = (c: RCase, replicates = 10): VariableReliabilityOptions => ({ coders: c.coders, ratersPerOverlap: c.ratersPerOverlap, level: 0.95, replicates, seed: 11, kappaWeights: c.kappaWeights, thresholds: DEFAULT_THRESHOLDS });
const codingsOf = (c: RCase, variable: string): UnitCoding[] => coded.filter((x) => x.variable === variable && c.coders.includes(x.coder));

describe('variableReliability against R (scripts/reference/coding-reliability.R)', () => {
  for (const c of reference.cases) {
    for (const rv of c.variables) {
      it(`${c.name}: ${rv.variable}`, () => {
        const r = variableReliability(codingsOf(c, rv.variable), reliabilityVariable(rv.variable), optionsOf(c));
        expect(r.level).toBe(rv.level);
        expect(r.units).toBe(rv.units);
        expect(r.codings).toBe(rv.codings);
        expectClose(r.percentAgreement.value, rv.percentAgreement, 1e-9);
        expectClose(r.krippendorffAlpha.value, rv.krippendorffAlpha, 1e-9);
        if (rv.cohenKappa === null) expect(r.cohenKappa).toBeNull();
        else expectClose(r.cohenKappa!.value, rv.cohenKappa, 1e-9);
        expect(r.kappaWeights).toBe(rv.level === 'nominal' ? 'none' : c.kappaWeights);
        expect(r.pairwiseKappa.map((p) => [p.coders, p.units])).toEqual(rv.pairwiseKappa.map((p) => [p.coders, p.units]));
        r.pairwiseKappa.forEach((p, i) => expectClose(p.kappa.value, rv.pairwiseKappa[i]!.kappa, 1e-9));
        if (rv.fleissKappa === null) expect(r.fleissKappa).toBeNull();
        else expectClose(r.fleissKappa!.value, rv.fleissKappa, 1e-9);
      });
    }
  }

  // Bootstrap intervals: R's boot and Vindex draw units with different generators, so the bounds
  // agree only up to Monte Carlo error. With 2,000 (TS) and 4,000 (R) replicates the error of a
  // 2.5% / 97.5% quantile is about 0.01 here (measured: at most 0.012); 0.04 leaves room yet catches a wrong resampling
  // scheme (e.g. resampling codings instead of units), which moves the bounds by far more.
  it('bootstrap percentile intervals agree with R boot within Monte Carlo error', () => {
    const c = reference.cases[0]!;
    for (const rv of c.variables) {
      const r = variableReliability(codingsOf(c, rv.variable), reliabilityVariable(rv.variable), optionsOf(c, 2000));
      expect(Math.abs(r.percentAgreement.lower - rv.bootstrap.percentAgreement.lower)).toBeLessThan(0.04);
      expect(Math.abs(r.percentAgreement.upper - rv.bootstrap.percentAgreement.upper)).toBeLessThan(0.04);
      expect(Math.abs(r.krippendorffAlpha.lower - rv.bootstrap.krippendorffAlpha.lower)).toBeLessThan(0.04);
      expect(Math.abs(r.krippendorffAlpha.upper - rv.bootstrap.krippendorffAlpha.upper)).toBeLessThan(0.04);
      for (const k of [r.percentAgreement, r.krippendorffAlpha, ...r.pairwiseKappa.map((p) => p.kappa), r.fleissKappa!]) {
        expect(k.lower).toBeLessThanOrEqual(k.value);
        expect(k.upper).toBeGreaterThanOrEqual(k.value);
      }
    }
  });

  it('the same seed gives the same intervals; another seed other ones', () => {
    const c = reference.cases[2]!;
    const run = (seed: number) => variableReliability(codingsOf(c, 'victim.ageBand'), reliabilityVariable('victim.ageBand'), { ...optionsOf(c, 200), seed });
    expect(run(3)).toEqual(run(3));
    expect(run(3).krippendorffAlpha.lower).not.toBe(run(4).krippendorffAlpha.lower);
  });
});

describe('variableReliability by hand', () => {
  const two = { coders: ['a', 'b'], ratersPerOverlap: 2, level: 0.95, replicates: 50, seed: 1, kappaWeights: 'linear', thresholds: { ...DEFAULT_THRESHOLDS, minimumUnits: 3 } } as const;
  const data = (a: string[], b: string[]): UnitCoding[] => a.flatMap((v, i) => [{ unitKey: `u${i}`, coder: 'a', value: v }, { unitKey: `u${i}`, coder: 'b', value: b[i]! }]);

  it('perfect agreement: 100%, κ = 1, α = 1, reliable, intervals [1, 1]', () => {
    const r = variableReliability(data(['yes', 'no', 'no', 'yes'], ['yes', 'no', 'no', 'yes']), reliabilityVariable('series.selfGenerated'), two);
    expect(r.percentAgreement).toEqual({ value: 1, lower: 1, upper: 1 });
    expect(r.cohenKappa!.value).toBe(1);
    expect(r.krippendorffAlpha.value).toBe(1);
    expect(r.verdict).toBe('reliable');
  });

  it('two coders, one disagreement in four: 75%, κ = 0.5, α = 8/15 (nominal; by hand)', () => {
    // Table [[2,0],[1,1]]: po = .75, pe = .75·.5 + .25·.5 = .5, κ = .5. Coincidences: n = 8,
    // n_yes = 5, n_no = 3; Do = 2/8, De = 2·5·3/(8·7) = 30/56; α = 1 − .25·56/30 = 8/15.
    const r = variableReliability(data(['yes', 'yes', 'no', 'no'], ['yes', 'yes', 'yes', 'no']), reliabilityVariable('series.selfGenerated'), two);
    expect(r.units).toBe(4);
    expect(r.percentAgreement.value).toBe(0.75);
    expectClose(r.cohenKappa!.value, 0.5, 1e-12);
    expectClose(r.krippendorffAlpha.value, 1 - 0.25 * 56 / 30, 1e-12);
    expect(r.verdict).toBe('unreliable');
  });

  it('notDeterminable: a category for nominal; missing for ordinal α and κ but a code for percent agreement', () => {
    const nominal = variableReliability(data(['yes', 'notDeterminable', 'no'], ['yes', 'notDeterminable', 'no']), reliabilityVariable('series.selfGenerated'), two);
    expect(nominal.krippendorffAlpha.value).toBe(1);
    const ordinal = variableReliability(
      data(['prepubescent', 'notDeterminable', 'pubescent', 'infantToddler'], ['prepubescent', 'notDeterminable', 'pubescent', 'pubescent']),
      reliabilityVariable('victim.ageBand'),
      two,
    );
    expect(ordinal.percentAgreement.value).toBe(0.75);
    // α over the 3 units with scale values only: the notDeterminable unit is not pairable.
    expect(ordinal.verdict).toBe('unreliable');
    const withoutNd = variableReliability(data(['prepubescent', 'pubescent', 'infantToddler'], ['prepubescent', 'pubescent', 'pubescent']), reliabilityVariable('victim.ageBand'), two);
    expect(ordinal.krippendorffAlpha.value).toBe(withoutNd.krippendorffAlpha.value);
    expect(ordinal.cohenKappa!.value).toBe(withoutNd.cohenKappa!.value);
  });

  it('too few units → insufficient; single-coded units are left out', () => {
    const r = variableReliability([...data(['1', '2'], ['1', '2']), { unitKey: 'x', coder: 'a', value: '3' }], reliabilityVariable('series.victimCount'), two);
    expect(r.units).toBe(2);
    expect(r.codings).toBe(4);
    expect(r.verdict).toBe('insufficient');
  });
});

describe('computeRoundReliability', () => {
  let s: ReviewStore;
  afterEach(async () => s.t.cleanup());

  it('reports every round variable and the harmonised severity derived per coding', async () => {
    s = await reviewStore({ series: 60, sampleSize: 30, overlap: 1, variables: ['victim.severityScale', 'victim.severityCode', 'victim.penetration'] });
    let i = 0;
    for (const key of s.overlap) {
      for (const v of await s.victimsOf(key)) {
        // alice codes COPINE 7 with penetration, bob codes UK A: both harmonise to catA.
        // Every third victim bob codes UK B instead (catB: one step down).
        await s.code('alice', v, 'victim.severityScale', 'copine', 'victim');
        await s.code('alice', v, 'victim.severityCode', '7', 'victim');
        await s.code('alice', v, 'victim.penetration', 'yes', 'victim');
        await s.code('bob', v, 'victim.severityScale', 'uk', 'victim');
        await s.code('bob', v, 'victim.severityCode', i % 3 === 0 ? 'B' : 'A', 'victim');
        i++;
      }
    }
    const r = await computeRoundReliability(s.t.store, 'r1', { replicates: 20, seed: 9, thresholds: { minimumUnits: 2 } });
    expect(r).toMatchObject({ roundId: 'r1', sampleId: 's1', coders: ['alice', 'bob'], level: 0.95, bootstrap: { replicates: 20, seed: 9 }, thresholds: { reliable: 0.8, tentative: 0.667, minimumUnits: 2 } });
    expect(r.variables.map((v) => v.variable)).toEqual(['victim.severityScale', 'victim.severityCode', 'victim.penetration', 'victim.severity']);
    const sev = r.variables[3]!;
    expect(sev).toMatchObject({ record: 'victim', level: 'ordinal', units: i, codings: 2 * i, kappaWeights: 'linear' });
    const disagreeing = Math.ceil(i / 3);
    expectClose(sev.percentAgreement.value, 1 - disagreeing / i, 1e-12);
    // The scales never agree; penetration was coded by alice only, so it has no pairable unit.
    expect(r.variables[0]!.percentAgreement.value).toBe(0);
    expect(r.variables[2]!.units).toBe(0);
    expect(r.variables[2]!.verdict).toBe('insufficient');
    expect(Number.isNaN(r.variables[2]!.krippendorffAlpha.value)).toBe(true);
  });
});

describe('computeRoundReliability options', () => {
  it('refuses a bad level, replicate count, seed or thresholds with VDX_USAGE', async () => {
    const s = await reviewStore();
    try {
      for (const o of [{ level: 1 }, { replicates: 0 }, { seed: 0 }, { thresholds: { reliable: 0.6, tentative: 0.7 } }]) {
        await expect(computeRoundReliability(s.t.store, 'r1', o)).rejects.toMatchObject({ code: 'VDX_USAGE' });
      }
      await expect(computeRoundReliability(s.t.store, 'r9')).rejects.toMatchObject({ code: 'VDX_ROUND_NOT_FOUND' });
    } finally {
      await s.t.cleanup();
    }
  });
});
