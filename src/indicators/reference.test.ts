import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../ingest/import.ts';
import { tempStore, type TempStore } from '../ingest/testing/temp-store.ts';
import { expectClose } from '../stats/testing/close.ts';
import { computeIndicators } from './compute.ts';
import type { IndicatorResult, IndicatorSet, Observation } from './types.ts';

/** R's values (scripts/reference/indicators.R) on the committed synthetic import file. */
const FIXTURE_CSV = fileURLToPath(new URL('./fixtures/synthetic-seed5-200.csv', import.meta.url));
interface RShare { indicator: string; dims: Record<string, string>; numerator: number; denominator: number; value: number; lower: number; upper: number }
interface RHorizon { years: number; value: number | null; lower: number | null; upper: number | null; events: number }
interface RKm { dims: Record<string, string>; n: number; events: number; lastTime: number; median: number | null; medianLower: number | null; medianUpper: number | null; horizons: RHorizon[] }
const R = JSON.parse(readFileSync(new URL('./fixtures/indicators.json', import.meta.url), 'utf8')) as {
  dataDate: string;
  shares: RShare[];
  trends: { indicator: string; statistic: number; pValue: number }[];
  countTrend: { indicator: string; statistic: number; pValue: number; years: number[]; counts: number[] };
  equalCountry: { indicator: string; value: number; lower: number; upper: number; numerator: number; denominator: number }[];
  counts: { indicator: string; dims: Record<string, string>; value: number; lower: number; upper: number }[];
  kaplanMeier: RKm[];
};

let t: TempStore;
let byCountryYear: IndicatorSet;
let equal: IndicatorSet;

const result = (set: IndicatorSet, id: string): IndicatorResult => set.results.find((r) => r.definition.id === id)!;
const find = (r: IndicatorResult, dims: Record<string, string>): Observation | undefined =>
  r.observations.find((o) => Object.keys(o.dims).length === Object.keys(dims).length && Object.entries(dims).every(([k, v]) => (o.dims as Record<string, string>)[k] === v));

beforeAll(async () => {
  t = await tempStore();
  await importFiles({ store: t.store, files: [FIXTURE_CSV], today: '2026-01-31' });
  byCountryYear = await computeIndicators(t.store, { by: ['country', 'year'] });
  equal = await computeIndicators(t.store, { indicators: ['victims-unidentified'], aggregation: 'equal-country' });
});
afterAll(async () => t.cleanup());

describe('indicators equal R on the synthetic fixture (scripts/reference/indicators.R)', () => {
  it('takes the latest date in the data as the data date', () => {
    expect(byCountryYear.manifest.dataDate).toBe(R.dataDate);
  });

  it('Wilson shares, totals and one-dimension margins, as prop.test', () => {
    expect(R.shares.length).toBeGreaterThan(100);
    for (const s of R.shares) {
      const o = find(result(byCountryYear, s.indicator), s.dims);
      expect(o, `${s.indicator} ${JSON.stringify(s.dims)}`).toBeDefined();
      expect([o!.numerator, o!.denominator]).toEqual([s.numerator, s.denominator]);
      expectClose(o!.value, s.value, 1e-12);
      expectClose(o!.lower!, s.lower, 1e-9);
      expectClose(o!.upper!, s.upper, 1e-9);
    }
  });

  it('Cochran–Armitage trend over first-sighting years, as prop.trend.test(score = year)', () => {
    for (const tr of R.trends) {
      const mine = result(byCountryYear, tr.indicator).trend!;
      expect(mine.test).toBe('cochran-armitage');
      expectClose(mine.statistic, tr.statistic, 1e-9);
      expectClose(mine.pValue, tr.pValue, 1e-6);
    }
  });

  it('trend of the count over years: Rao score test, as anova(glm(count ~ year, poisson), test = "Rao")', () => {
    const r = result(byCountryYear, R.countTrend.indicator);
    expect(R.countTrend.years.map((y) => find(r, { year: String(y) })?.value ?? 0)).toEqual(R.countTrend.counts);
    expect(r.trend!.test).toBe('poisson-score');
    // R's null fit is IRLS to epsilon 1e-15; the closed form is exact.
    expectClose(r.trend!.statistic, R.countTrend.statistic, 1e-8);
    expectClose(r.trend!.pValue, R.countTrend.pValue, 1e-6);
  });

  it('equal country weights: mean of country shares with its normal interval', () => {
    const [e] = R.equalCountry;
    const r = result(equal, 'victims-unidentified');
    expect(r.aggregation).toBe('equal-country');
    const o = find(r, {})!;
    expectClose(o.value, e!.value, 1e-12);
    expectClose(o.lower!, e!.lower, 1e-9);
    expectClose(o.upper!, e!.upper, 1e-9);
    expect([o.numerator, o.denominator]).toEqual([e!.numerator, e!.denominator]);
  });

  it('counts by suspected country of abuse with the exact Poisson interval, as poisson.test', () => {
    for (const c of R.counts) {
      const o = find(result(byCountryYear, 'series-by-abuse-country'), c.dims)!;
      expect(o.value).toBe(c.value);
      expectClose(o.lower!, c.lower, 1e-9);
      expectClose(o.upper!, c.upper, 1e-9);
    }
  });

  it('Kaplan–Meier median and shares identified within 1, 2, 5 years, as survfit (log interval)', () => {
    const median = result(byCountryYear, 'time-to-identification');
    for (const k of R.kaplanMeier) {
      const o = find(median, k.dims)!;
      expect([o.numerator, o.denominator]).toEqual([k.events, k.n]);
      if (k.median === null) {
        expect(o.status).toBe('not-reached');
        expectClose(o.value, k.lastTime, 1e-12);
      } else {
        expect(o.status).toBe('estimated');
        expectClose(o.value, k.median, 1e-9);
      }
      expect([o.lower === null, o.upper === null]).toEqual([k.medianLower === null, k.medianUpper === null]);
      if (k.medianLower !== null) expectClose(o.lower!, k.medianLower, 1e-9);
      if (k.medianUpper !== null) expectClose(o.upper!, k.medianUpper, 1e-9);
      for (const h of k.horizons) {
        const w = find(result(byCountryYear, `identified-within-${h.years}y`), k.dims)!;
        expect(w.numerator).toBe(h.events);
        if (h.value === null) {
          expect(w.status).toBe('no-data');
          continue;
        }
        expectClose(w.value, h.value, 1e-9);
        expectClose(w.lower!, h.lower!, 1e-9);
        expectClose(w.upper!, h.upper!, 1e-9);
      }
    }
  });
});
