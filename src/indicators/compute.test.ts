import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../ingest/testing/temp-store.ts';
import { expectClose } from '../stats/testing/close.ts';
import { computeIndicators } from './compute.ts';
import { parseDefinitions } from './schema.ts';
import { loadHandDataset } from './testing/hand-dataset.ts';
import type { IndicatorResult, IndicatorSet, Observation } from './types.ts';

let t: TempStore;
let totals: IndicatorSet;
let byCountry: IndicatorSet;

const result = (set: IndicatorSet, id: string): IndicatorResult => {
  const r = set.results.find((x) => x.definition.id === id);
  if (!r) throw new Error(`no result ${id}`);
  return r;
};
const obs = (set: IndicatorSet, id: string, dims: Record<string, string> = {}): Observation => {
  const o = result(set, id).observations.find((x) => JSON.stringify(x.dims) === JSON.stringify(dims));
  if (!o) throw new Error(`no observation ${id} ${JSON.stringify(dims)}`);
  return o;
};
const counts = (o: Observation) => [o.numerator, o.denominator];

beforeAll(async () => {
  t = await tempStore();
  await loadHandDataset(t);
  totals = await computeIndicators(t.store, { dataDate: '2020-01-01', generatedAt: '2020-01-02T00:00:00.000Z' });
  byCountry = await computeIndicators(t.store, { by: ['country'], dataDate: '2020-01-01' });
});
afterAll(async () => t.cleanup());

describe('each shipped indicator on the hand-checkable dataset (src/indicators/testing/hand-dataset.ts)', () => {
  it('victims unidentified: 6 of 7 (V1 is identified), Wilson as prop.test(6, 7)', () => {
    const o = obs(totals, 'victims-unidentified');
    expect(counts(o)).toEqual([6, 7]);
    expectClose(o.value, 6 / 7, 1e-15);
    expectClose(o.lower!, 0.48687217072568112, 1e-12);
    expectClose(o.upper!, 0.97432037565525642, 1e-12);
    expect(o.status).toBe('estimated');
  });

  it('unidentified prepubescent or younger: V2, V3, V7 of the 5 unidentified with a known age band (V5 left out)', () => {
    expect(counts(obs(totals, 'unidentified-prepubescent'))).toEqual([3, 5]);
  });

  it('unidentified boys: V2, V3, V6 of the 5 unidentified with a known gender', () => {
    expect(counts(obs(totals, 'unidentified-boys'))).toEqual([3, 5]);
  });

  it('victims in category A: V1, V3, V7 of 6 with a known severity; by gender and age band', async () => {
    expect(counts(obs(totals, 'victims-most-severe'))).toEqual([3, 6]);
    const set = await computeIndicators(t.store, { by: ['gender', 'ageBand'], indicators: ['victims-most-severe'], dataDate: '2020-01-01' });
    expect(counts(obs(set, 'victims-most-severe', { gender: 'female' }))).toEqual([2, 3]);
    expect(counts(obs(set, 'victims-most-severe', { gender: 'male' }))).toEqual([1, 3]);
    expect(counts(obs(set, 'victims-most-severe', { ageBand: 'prepubescent' }))).toEqual([3, 3]);
    expect(counts(obs(set, 'victims-most-severe', { ageBand: 'infantToddler' }))).toEqual([0, 1]);
    expect(counts(obs(set, 'victims-most-severe', { gender: 'male', ageBand: 'prepubescent' }))).toEqual([1, 1]);
    // V5 (severity not determinable) is in no denominator, so no notDeterminable gender cell.
    expect(result(set, 'victims-most-severe').observations.some((o) => o.dims.gender === 'notDeterminable')).toBe(false);
  });

  it('series with a category-A victim: S1, S2, S5 of the 5 series with a known severity', () => {
    expect(counts(obs(totals, 'series-most-severe'))).toEqual([3, 5]);
  });

  it('series with a visible offender: S1, S2, S4 of 5 (S3 has no offender records)', () => {
    expect(counts(obs(totals, 'series-visible-offender'))).toEqual([3, 5]);
  });

  it('of those, a visible male offender: S1 and S4, not S2 (its male offender is not the visible one)', () => {
    expect(counts(obs(totals, 'visible-offender-male'))).toEqual([2, 3]);
  });

  it('self-generated: S2 and S5 of the 4 series coded yes or no (S4 not determinable)', () => {
    expect(counts(obs(totals, 'series-self-generated'))).toEqual([2, 4]);
  });

  it('median time to identification: not reached (S = 0.533 after S3), value the longest follow-up, lower limit as survfit', () => {
    const o = obs(totals, 'time-to-identification');
    expect(o.status).toBe('not-reached');
    expect(counts(o)).toEqual([2, 5]);
    expectClose(o.value, 1675 / 365.25, 1e-15); // S2: 2015-06-01 to the data date 2020-01-01
    expectClose(o.lower!, 1096 / 365.25, 1e-12); // R: 0.95LCL 3.0006844626967832
    expect(o.upper).toBeNull();
  });

  it('identified within 1 and 2 years: 1 − 4/5 with survfit\'s log interval; 5 years lies past the follow-up', () => {
    for (const h of [1, 2]) {
      const o = obs(totals, `identified-within-${h}y`);
      expectClose(o.value, 0.2, 1e-14);
      expectClose(o.lower!, 0, 1e-15);
      expectClose(o.upper!, 1 - 0.51612576034217206, 1e-12);
      expect(counts(o)).toEqual([1, 5]);
    }
    const five = obs(totals, 'identified-within-5y');
    expect(five.status).toBe('no-data');
    expect([five.lower, five.upper]).toEqual([null, null]);
  });

  it('a median that is reached: FR has only S3, identified after 1096 days', () => {
    const o = obs(byCountry, 'time-to-identification', { country: 'FR' });
    expect(o.status).toBe('estimated');
    expectClose(o.value, 1096 / 365.25, 1e-15);
  });

  it('series by suspected country of abuse: exact Poisson intervals as poisson.test', () => {
    const total = obs(byCountry, 'series-by-abuse-country');
    expect(total.value).toBe(5);
    expectClose(total.lower!, 1.6234863901184209, 1e-12);
    expectClose(total.upper!, 11.668332079322667, 1e-12);
    const de = obs(byCountry, 'series-by-abuse-country', { country: 'DE' });
    expect([de.value, de.numerator, de.denominator]).toEqual([2, 2, null]);
    expectClose(de.lower!, 0.24220927854396501, 1e-12);
    expectClose(de.upper!, 7.2246876677239582, 1e-12);
    // S3 has no suspected country: ZZ, in the region "Not determinable"; FR (S5's) is counted under FR, not BR.
    expect(obs(byCountry, 'series-by-abuse-country', { country: 'ZZ' }).value).toBe(1);
    expect(obs(byCountry, 'series-by-abuse-country', { country: 'FR' }).value).toBe(1);
    expect(obs(byCountry, 'series-by-abuse-country', { region: 'Europe' }).value).toBe(3);
    expect(obs(byCountry, 'series-by-abuse-country', { region: 'Not determinable' }).value).toBe(1);
    expect(result(byCountry, 'series-by-abuse-country').observations.some((o) => o.dims.country === 'BR')).toBe(false);
  });
});

describe('breakdowns, margins and aggregates', () => {
  it('by country: countries, regions and the total, pooled', () => {
    const r = result(byCountry, 'victims-unidentified');
    expect(r.by).toEqual(['country']);
    expect(r.aggregation).toBe('pooled');
    expect(r.observations.map((o) => [o.dims, o.numerator, o.denominator])).toEqual([
      [{ country: 'BR' }, 1, 1],
      [{ country: 'DE' }, 2, 3],
      [{ country: 'FR' }, 2, 2],
      [{ country: 'US' }, 1, 1],
      [{ region: 'Americas' }, 2, 2],
      [{ region: 'Europe' }, 4, 5],
      [{}, 6, 7],
    ]);
  });

  it('by country and year: every margin (country × year, country, region × year, region, year, total)', async () => {
    const set = await computeIndicators(t.store, { by: ['country', 'year'], indicators: ['victims-unidentified'], dataDate: '2020-01-01' });
    const r = result(set, 'victims-unidentified');
    const shapes = new Set(r.observations.map((o) => Object.keys(o.dims).join('+')));
    expect([...shapes]).toEqual(['country+year', 'country', 'region+year', 'region', 'year', '']);
    expect(counts(obs(set, 'victims-unidentified', { region: 'Europe', year: '2015' }))).toEqual([2, 3]);
    expect(counts(obs(set, 'victims-unidentified', { year: '2016' }))).toEqual([3, 3]);
    expect(counts(obs(set, 'victims-unidentified', { year: '2017' }))).toEqual([1, 1]);
  });

  it('by year: Cochran–Armitage trend as prop.trend.test(c(2,3,1), c(3,3,1), score = 2015:2017)', async () => {
    const set = await computeIndicators(t.store, { by: ['year'], indicators: ['victims-unidentified'], dataDate: '2020-01-01' });
    const trend = result(set, 'victims-unidentified').trend!;
    expect(trend.test).toBe('cochran-armitage');
    expectClose(trend.statistic, 1.2152777777784338, 1e-9);
    expectClose(trend.pValue, 0.27028938480156939, 1e-9);
    // Weighted least squares of 2/3, 1, 1 on 2015, 2016, 2017 with weights 3, 3, 1.
    const sBar = (3 * 2015 + 3 * 2016 + 2017) / 7;
    const pBar = 6 / 7;
    const slope = (3 * (2015 - sBar) * (2 / 3 - pBar) + 3 * (2016 - sBar) * (1 - pBar) + (2017 - sBar) * (1 - pBar)) / (3 * (2015 - sBar) ** 2 + 3 * (2016 - sBar) ** 2 + (2017 - sBar) ** 2);
    expectClose(trend.slope!, slope, 1e-12);
  });

  it('by year, a count gets the Poisson score test for trend: series 2, 2, 1 in 2015–2017 give χ² = 1 / (5/3 · 2) = 0.3', async () => {
    const set = await computeIndicators(t.store, { by: ['year'], indicators: ['series-by-abuse-country'], dataDate: '2020-01-01' });
    const trend = result(set, 'series-by-abuse-country').trend!;
    expect(trend.test).toBe('poisson-score');
    expectClose(trend.statistic, 0.3, 1e-14);
    expectClose(trend.pValue, 0.58388242077036523, 1e-9); // R: pchisq(0.3, 1, lower.tail = FALSE)
    expect(trend.slope).toBeUndefined();
  });

  it('a dimension an indicator does not allow is left out for it (series indicators by gender)', async () => {
    const set = await computeIndicators(t.store, { by: ['gender'], indicators: ['series-self-generated', 'unidentified-boys', 'victims-unidentified'], dataDate: '2020-01-01' });
    expect(result(set, 'series-self-generated').by).toEqual([]);
    expect(result(set, 'unidentified-boys').by).toEqual([]);
    expect(result(set, 'victims-unidentified').by).toEqual(['gender']);
    expect(counts(obs(set, 'victims-unidentified', { gender: 'notDeterminable' }))).toEqual([1, 1]);
  });

  it('equal country weights: the region and total are means of country shares; counts stay pooled', async () => {
    const set = await computeIndicators(t.store, { by: ['country'], indicators: ['victims-unidentified', 'series-by-abuse-country'], aggregation: 'equal-country', dataDate: '2020-01-01' });
    const r = result(set, 'victims-unidentified');
    expect(r.aggregation).toBe('equal-country');
    expect(obs(set, 'victims-unidentified', { country: 'DE' }).value).toBeCloseTo(2 / 3, 15);
    const europe = obs(set, 'victims-unidentified', { region: 'Europe' });
    expectClose(europe.value, (2 / 3 + 1) / 2, 1e-15);
    expect(counts(europe)).toEqual([4, 5]);
    const total = obs(set, 'victims-unidentified');
    expectClose(total.value, (2 / 3 + 1 + 1 + 1) / 4, 1e-15);
    const se = Math.sqrt((2 / 3) * (1 / 3) / 3) / 4;
    expectClose(total.lower!, (2 / 3 + 3) / 4 - 1.959963984540054 * se, 1e-12);
    expect(total.upper).toBe(1);
    expect(result(set, 'series-by-abuse-country').aggregation).toBe('pooled');
  });

  it('data date: defaults to the latest date in the data; a later one lengthens the follow-up', async () => {
    const set = await computeIndicators(t.store, { indicators: ['time-to-identification'] });
    expect(set.manifest.dataDate).toBe('2019-01-01');
    const later = await computeIndicators(t.store, { indicators: ['time-to-identification'], dataDate: '2024-01-01' });
    expectClose(obs(later, 'time-to-identification').value, (1675 + 1461) / 365.25, 1e-15);
  });

  it('manifest: snapshot, codebook, census basis, level', () => {
    expect(totals.manifest).toMatchObject({ codebookVersion: '1.0.0', dataDate: '2020-01-01', basis: 'census', level: 0.95, generatedAt: '2020-01-02T00:00:00.000Z' });
    expect(totals.manifest.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    expect(totals.manifest.synthetic).toBeUndefined();
  });

  it('refuses an unknown indicator id and a malformed data date', async () => {
    await expect(computeIndicators(t.store, { indicators: ['nope'] })).rejects.toMatchObject({ code: 'VDX_USAGE', message: expect.stringContaining('unknown indicator "nope"') });
    await expect(computeIndicators(t.store, { dataDate: '2020-02-30' })).rejects.toMatchObject({ code: 'VDX_USAGE' });
  });

  it('a user rate: identified series per 100 series, exact Poisson interval scaled by the denominator', async () => {
    const defs = parseDefinitions([{ id: 'identified-per-100', title: 'Identified series per 100 series', definition: 'Identified series per 100 series.', unit: 'rate', per: 100, entity: 'series', numerator: { 'series.identified': ['yes'] }, denominator: {}, disaggregations: [], interval: 'poisson' }], 'test');
    const set = await computeIndicators(t.store, { definitions: defs, dataDate: '2020-01-01' });
    const o = obs(set, 'identified-per-100');
    expect([o.value, o.numerator, o.denominator]).toEqual([40, 2, 5]);
    expectClose(o.lower!, (100 * 0.24220927854396501) / 5, 1e-12);
    expectClose(o.upper!, (100 * 7.2246876677239582) / 5, 1e-12);
  });

  it('a victim indicator with an offender condition: victims of series with a visible offender (S1: 2, S2: 1, S4: 1 of 7); by source', async () => {
    const defs = parseDefinitions([{ id: 'with-visible', title: 'T', definition: 'D.', unit: 'share', entity: 'victim', numerator: { 'offender.visible': ['yes'] }, denominator: {}, disaggregations: ['source'], interval: 'wilson' }], 'test');
    const set = await computeIndicators(t.store, { definitions: defs, by: ['source'], dataDate: '2020-01-01' });
    expect(result(set, 'with-visible').observations.map((o) => [o.dims, o.numerator, o.denominator])).toEqual([[{ source: 'SRC-T' }, 4, 7], [{}, 4, 7]]);
  });

  it('an indicator whose denominator is empty gives one no-data total', async () => {
    const defs = parseDefinitions([{ id: 'empty', title: 'Empty', definition: 'Nothing matches.', unit: 'share', entity: 'victim', numerator: {}, denominator: { 'victim.ageBand': ['pubescent'], 'victim.gender': ['male'] }, disaggregations: ['country'], interval: 'wilson' }], 'test');
    const set = await computeIndicators(t.store, { definitions: defs, by: ['country'], dataDate: '2020-01-01' });
    expect(result(set, 'empty').observations).toEqual([{ indicator: 'empty', dims: {}, value: 0, lower: null, upper: null, numerator: 0, denominator: 0, status: 'no-data' }]);
  });
});
