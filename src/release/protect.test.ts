import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protectTables } from '../disclosure/index.ts';
import { computeIndicators, yearCountTrend, yearTrend, type IndicatorDefinition, type IndicatorResult, type IndicatorSet, type Observation } from '../indicators/index.ts';
import { equalCountryShare, shareObservation } from '../indicators/estimate.ts';
import { loadHandDataset } from '../indicators/testing/hand-dataset.ts';
import { tempStore, type TempStore } from '../ingest/testing/temp-store.ts';
import { wilsonInterval } from '../stats/index.ts';
import { protectIndicators, type ProtectedIndicators } from './protect.ts';
import { indicatorTables } from './tables.ts';
import { loadSyntheticDataset, observationAt, resultOf } from './testing/datasets.ts';

let hand: TempStore;
let synth: TempStore;
let handCountry: IndicatorSet;
let handYear: IndicatorSet;
let synthResults: IndicatorResult[];
/** Hand dataset, every shipped indicator by country and by year, threshold 2. */
let suppressed2: ProtectedIndicators;

const HAND_ALL = (): IndicatorResult[] => [...handCountry.results, ...handYear.results];

beforeAll(async () => {
  hand = await tempStore();
  await loadHandDataset(hand);
  handCountry = await computeIndicators(hand.store, { by: ['country'], dataDate: '2020-01-01' });
  handYear = await computeIndicators(hand.store, { by: ['year'], dataDate: '2020-01-01' });
  suppressed2 = await protectIndicators(HAND_ALL(), { rules: { threshold: 2 } });
  synth = await tempStore();
  await loadSyntheticDataset(synth);
  const indicators = ['victims-unidentified', 'series-by-abuse-country', 'identified-within-1y'];
  synthResults = [
    ...(await computeIndicators(synth.store, { by: ['country'], indicators })).results,
    ...(await computeIndicators(synth.store, { by: ['year'], indicators })).results,
  ];
}, 120_000);
afterAll(async () => {
  await hand?.cleanup();
  await synth?.cleanup();
});

/** Counts an observation rests on: numerator, denominator and their difference (when both exist). */
const countsOf = (o: { numerator: number | null; denominator: number | null }): number[] =>
  [o.numerator, o.denominator, o.numerator !== null && o.denominator !== null ? o.denominator - o.numerator : null].filter((x): x is number => x !== null);

describe('protectIndicators: suppression on the hand dataset (threshold 2)', () => {
  it('every F observation rests on counts 0 or ≥ 2 and keeps the engine figures; C/D observations carry no figure', () => {
    const input = HAND_ALL();
    expect(suppressed2.results).toHaveLength(input.length);
    expect(suppressed2.withheld).toEqual([]);
    let published = 0;
    let hidden = 0;
    suppressed2.results.forEach((r, i) => {
      expect(r.definition.id).toBe(input[i]!.definition.id);
      expect(r.observations).toHaveLength(input[i]!.observations.length);
      r.observations.forEach((o, j) => {
        const engine = input[i]!.observations[j]!;
        expect(o.dims).toEqual(engine.dims);
        if (o.confStatus === 'F') {
          published++;
          for (const c of countsOf(engine)) expect(c === 0 || c >= 2, `${r.definition.id} ${JSON.stringify(o.dims)} count ${c}`).toBe(true);
          expect({ value: o.value, lower: o.lower, upper: o.upper, numerator: o.numerator, denominator: o.denominator, status: o.status }).toEqual({
            value: engine.value, lower: engine.lower, upper: engine.upper, numerator: engine.numerator, denominator: engine.denominator, status: engine.status,
          });
        } else {
          hidden++;
          expect(['C', 'D']).toContain(o.confStatus);
          expect([o.value, o.lower, o.upper, o.numerator, o.denominator]).toEqual([null, null, null, null, null]);
        }
      });
    });
    // Both kinds occur, so the checks above are not vacuous.
    expect(published).toBeGreaterThan(5);
    expect(hidden).toBeGreaterThan(5);
    expect(suppressed2.audit?.pass).toBe(true);
    expect(suppressed2.record.method).toBe('suppression');
    // Every count the release lists as published is 0 or ≥ 2.
    expect(suppressed2.publishedCounts.length).toBeGreaterThan(0);
    for (const c of suppressed2.publishedCounts) expect(c.value === 0 || c.value >= 2, c.id).toBe(true);
  });

  it('hand-checked primary flags: BR 1/1 and US 1/1 unidentified (numerator 1), DE 2/3 (complement 1: V1) are C', () => {
    const vu = resultOf(suppressed2.results, 'victims-unidentified');
    for (const country of ['BR', 'US', 'DE']) expect(observationAt(vu.observations, { country }).confStatus, country).toBe('C');
    // FR 2/2 (complement 0) breaks no primary rule: it is published, or hidden as a complement (D), never C.
    expect(observationAt(vu.observations, { country: 'FR' }).confStatus).not.toBe('C');
  });

  it('a large numerator with a small complement is suppressed: victims unidentified 6 of 7 (the 1 identified victim would follow)', () => {
    const world = observationAt(resultOf(suppressed2.results, 'victims-unidentified').observations, {});
    const engine = observationAt(resultOf(handCountry.results, 'victims-unidentified').observations, {});
    expect([engine.numerator, engine.denominator]).toEqual([6, 7]); // both ≥ 2 …
    expect(world.confStatus).toBe('C'); // … but 7 − 6 = 1
    expect(world.value).toBeNull();
  });

  it('a suppressed year total withholds the trend test, with the reason', () => {
    const engine = resultOf(handYear.results, 'victims-unidentified');
    expect(engine.trend).toBeDefined(); // there was one to withhold
    // 2017: V7 only (1 of 1) → C.
    const year = suppressed2.results.find((r) => r.definition.id === 'victims-unidentified' && r.by.includes('year'))!;
    expect(observationAt(year.observations, { year: '2017' }).confStatus).toBe('C');
    expect(year.trend).toBeUndefined();
    expect(year.trendWithheld).toMatch(/2017/);
    expect(year.trendWithheld).toMatch(/suppressed/);
  });

  it('the last line of defence holds with the default threshold 10: nothing of the hand dataset is published but zeros', async () => {
    const p = await protectIndicators(handCountry.results.slice(0, 2));
    for (const c of p.publishedCounts) expect(c.value === 0 || c.value >= 10).toBe(true);
    for (const o of p.results.flatMap((r) => r.observations)) expect(o.confStatus === 'F' ? countsOf(o).every((c) => c === 0) : true).toBe(true);
  });
});

// ─── hand-made results: the equal-country guard and broken input ──────────────────────────────────

const SHARE: IndicatorDefinition = {
  id: 'test-share', title: 'Test share', definition: 'A share for tests.', unit: 'share', entity: 'victim',
  numerator: { 'victim.identified': ['no'] }, denominator: {}, disaggregations: ['country', 'region'], interval: 'wilson',
};

/** Countries (x of n): Europe DE 20/40, FR 1/30; Americas US 30/50, BR 25/45. FR's numerator 1 is below any threshold ≥ 2. */
function countryResult(aggregation: 'pooled' | 'equal-country', override: Partial<Record<string, [number, number]>> = {}): IndicatorResult {
  const c: Record<string, [number, number]> = { DE: [20, 40], FR: [1, 30], US: [30, 50], BR: [25, 45], ...override } as Record<string, [number, number]>;
  const regions: Record<string, string[]> = { Americas: ['BR', 'US'], Europe: ['DE', 'FR'] };
  const sum = (ks: string[]): { x: number; n: number } => ({ x: ks.reduce((s, k) => s + c[k]![0], 0), n: ks.reduce((s, k) => s + c[k]![1], 0) });
  const agg = (dims: Observation['dims'], ks: string[]): Observation => {
    const pooled = sum(ks);
    if (pooled.x > pooled.n) return { indicator: SHARE.id, dims, value: pooled.x / pooled.n, lower: null, upper: null, numerator: pooled.x, denominator: pooled.n, status: 'estimated' };
    return aggregation === 'pooled'
      ? shareObservation(SHARE, dims, pooled.x, pooled.n, 0.95)
      : equalCountryShare(SHARE, dims, ks.map((k) => ({ x: c[k]![0], n: c[k]![1] })), 0.95, pooled);
  };
  // Raw observations (no interval) so that broken counts can be fed too.
  const country = (k: string): Observation => ({ indicator: SHARE.id, dims: { country: k }, value: c[k]![0] / c[k]![1], lower: null, upper: null, numerator: c[k]![0], denominator: c[k]![1], status: 'estimated' });
  const observations: Observation[] = [
    ...['BR', 'DE', 'FR', 'US'].map(country),
    agg({ region: 'Americas' }, regions.Americas!),
    agg({ region: 'Europe' }, regions.Europe!),
    agg({}, ['BR', 'DE', 'FR', 'US']),
  ];
  return { definition: SHARE, by: ['country'], observations, aggregation, aggregationNote: '' };
}

describe('the equal-country guard', () => {
  it("suppresses (D) a regional and the global equal-country mean when one of its countries is suppressed, though the region's own counts are published", async () => {
    const input = countryResult('equal-country');
    // The region's own cells (21 of 70, complement 49) come out of the solver published: only the guard can hide the mean.
    const tables = indicatorTables([input]);
    const cells = new Map((await protectTables(tables.system, { rules: { threshold: 3 } })).cells.map((x) => [x.id, x.status]));
    const europeIdx = input.observations.findIndex((o) => o.dims.region === 'Europe');
    const europeCells = tables.cellsOf[0]![europeIdx]!;
    expect([europeCells.numerator, europeCells.denominator!, europeCells.complement!].map((id) => cells.get(id))).toEqual(['published', 'published', 'published']);

    const p = await protectIndicators([input], { rules: { threshold: 3 } });
    const obs = p.results[0]!.observations;
    expect(observationAt(obs, { country: 'FR' }).confStatus).toBe('C');
    const europe = observationAt(obs, { region: 'Europe' });
    expect(europe.confStatus).toBe('D');
    expect([europe.value, europe.numerator, europe.denominator]).toEqual([null, null, null]);
    expect(observationAt(obs, {}).confStatus).toBe('D'); // the world mean averages FR too
    // Americas: both countries published → its mean (30/50 + 25/45)/2 is published.
    const americas = observationAt(obs, { region: 'Americas' });
    expect(americas.confStatus).toBe('F');
    expect(americas.value).toBeCloseTo((30 / 50 + 25 / 45) / 2, 12);
  });

  it('pooled aggregates are not affected by the guard: Europe 21/70 stays published', async () => {
    const p = await protectIndicators([countryResult('pooled')], { rules: { threshold: 3 } });
    const europe = observationAt(p.results[0]!.observations, { region: 'Europe' });
    expect([europe.confStatus, europe.numerator, europe.denominator]).toEqual(['F', 21, 70]);
    expect(europe.value).toBeCloseTo(0.3, 15);
  });
});

describe('equal-country means from rounded counts', () => {
  it("a region's mean is the mean of its countries' rounded shares; its counts are the rounded pooled counts", async () => {
    const p = await protectIndicators([countryResult('equal-country')], { method: 'rounding', base: 5 });
    const obs = p.results[0]!.observations;
    const share = (k: string): number => {
      const o = observationAt(obs, { country: k });
      expect(o.numerator! % 5).toBe(0);
      return o.numerator! / o.denominator!;
    };
    const europe = observationAt(obs, { region: 'Europe' });
    expect(europe.confStatus).toBe('F');
    expect(europe.value).toBeCloseTo((share('DE') + share('FR')) / 2, 12);
    expect(europe.numerator! % 5).toBe(0);
    expect(europe.denominator).toBe(70); // 40 + 30 are multiples of 5 already; additivity keeps the total
    expect(observationAt(obs, {}).value).toBeCloseTo((share('BR') + share('DE') + share('FR') + share('US')) / 4, 12);
  });
});

describe('broken input fails closed', () => {
  it('the dominance and p% rules are refused (the count tables have no contributions for them to test), not silently skipped', async () => {
    await expect(protectIndicators([countryResult('pooled')], { rules: { threshold: 3, dominance: { n: 1, k: 85 } } })).rejects.toMatchObject({ code: 'VDX_USAGE', message: expect.stringMatching(/dominance/) });
    await expect(protectIndicators([countryResult('pooled')], { rules: { threshold: 3, pPercent: { p: 10 } } })).rejects.toMatchObject({ code: 'VDX_USAGE' });
  });

  it('design-based results are withheld under rounding (their figures use weights, not the counts)', async () => {
    const design = { ...countryResult('pooled'), estimator: 'design' as const };
    const p = await protectIndicators([design, countryResult('pooled')].map((r, i) => (i === 0 ? r : { ...r, definition: { ...SHARE, id: 'test-share-2' } })), { method: 'rounding' });
    expect(p.withheld).toEqual([{ indicator: 'test-share', reason: expect.stringMatching(/design-based/) }]);
    expect(p.results.map((r) => r.definition.id)).toEqual(['test-share-2']);
  });

  it('a numerator above its denominator (negative complement) → VDX_DISCLOSURE_TABLE', async () => {
    await expect(protectIndicators([countryResult('pooled', { DE: [41, 40] })], { rules: { threshold: 3 } })).rejects.toMatchObject({ code: 'VDX_DISCLOSURE_TABLE' });
  });

  it('a region that is not the sum of its countries → VDX_DISCLOSURE_TABLE', async () => {
    const r = countryResult('pooled');
    const observations = r.observations.map((o) => (o.dims.region === 'Europe' ? shareObservation(SHARE, o.dims, 22, 70, 0.95) : o));
    await expect(protectIndicators([{ ...r, observations }], { rules: { threshold: 3 } })).rejects.toMatchObject({ code: 'VDX_DISCLOSURE_TABLE' });
  });

  it('linked tables that disagree on a shared count → VDX_DISCLOSURE_TABLE', async () => {
    const a = countryResult('pooled');
    const b = countryResult('pooled', { DE: [20, 41] }); // the same population, DE 41 instead of 40
    await expect(protectIndicators([a, { ...b, observations: b.observations.filter((o) => o.dims.country === 'DE') }], { rules: { threshold: 3 } })).rejects.toMatchObject({
      code: 'VDX_DISCLOSURE_TABLE',
    });
  });
});

describe('nested populations (synthetic seed 5, 200 series)', () => {
  it('events within 1 and within 2 years are never both published with a difference from 1 to threshold − 1', async () => {
    const s = await computeIndicators(synth.store, { by: ['country'], indicators: ['identified-within-1y', 'identified-within-2y'] });
    const p = await protectIndicators(s.results, { rules: { threshold: 3 } });
    const [one, two] = p.results;
    let compared = 0;
    for (const o of one!.observations) {
      const q = observationAt(two!.observations, o.dims as Record<string, string>);
      if (o.confStatus !== 'F' || q.confStatus !== 'F') continue;
      compared++;
      const d = q.numerator! - o.numerator!;
      expect(d === 0 || d >= 3, `${JSON.stringify(o.dims)}: ${q.numerator} − ${o.numerator}`).toBe(true);
    }
    expect(compared).toBeGreaterThan(3);
    // Unprotected, GB has 4 events within 1 year and 5 within 2: the difference 1 is what the link protects.
    const gb = s.results.map((r) => observationAt(r.observations, { country: 'GB' }).numerator);
    expect(gb).toEqual([4, 5]);
  });
});

describe('nested populations across indicators (synthetic seed 5, threshold 3)', () => {
  it('unidentified victims and unidentified victims of known age/gender are never both published with a difference of 1 or 2', async () => {
    const s = await computeIndicators(synth.store, { by: ['country'], indicators: ['victims-unidentified', 'unidentified-prepubescent', 'unidentified-boys'] });
    const p = await protectIndicators(s.results, { rules: { threshold: 3 } });
    const [vu, ...subs] = p.results;
    let compared = 0;
    for (const o of vu!.observations) {
      for (const sub of subs) {
        const q = sub.observations.find((x) => JSON.stringify(x.dims) === JSON.stringify(o.dims));
        if (!q || o.confStatus !== 'F' || q.confStatus !== 'F') continue;
        compared++;
        const d = o.numerator! - q.denominator!;
        expect(d === 0 || d >= 3, `${sub.definition.id} ${JSON.stringify(o.dims)}: ${o.numerator} − ${q.denominator}`).toBe(true);
      }
    }
    expect(compared).toBeGreaterThan(3);
  });
});

describe('rounding and noise (synthetic seed 5, 200 series)', () => {
  it('rounding to base 5: published counts are multiples of 5; shares and Wilson intervals are those of the rounded counts', async () => {
    const p = await protectIndicators(synthResults, { method: 'rounding', base: 5 });
    expect(p.record).toMatchObject({ method: 'rounding', base: 5 });
    expect(p.audit).toBeNull();
    let shares = 0;
    for (const r of p.results) {
      for (const o of r.observations) {
        expect(o.confStatus).toBe('F');
        if (r.definition.unit === 'count') {
          expect(o.value! % 5, `${r.definition.id} ${JSON.stringify(o.dims)}`).toBe(0);
          continue;
        }
        expect(o.numerator! % 5).toBe(0);
        expect(o.denominator! % 5).toBe(0);
        if (o.denominator! > 0) {
          shares++;
          const w = wilsonInterval(o.numerator!, o.denominator!, 0.95);
          expect(o.value).toBe(o.numerator! / o.denominator!);
          expect(o.lower).toBeCloseTo(w.lower, 14);
          expect(o.upper).toBeCloseTo(w.upper, 14);
        } else expect(o.status).toBe('no-data');
      }
    }
    expect(shares).toBeGreaterThan(5);
    // At least one count really moved (else the test would not show the recomputation).
    const engine = observationAt(resultOf(synthResults, 'victims-unidentified').observations, {});
    const rounded = observationAt(resultOf(p.results, 'victims-unidentified').observations, {});
    expect(Math.abs(rounded.numerator! - engine.numerator!)).toBeLessThan(5);
    expect(p.publishedCounts.every((c) => c.value % 5 === 0)).toBe(true);
  });

  it('rounding: the trend tests are recomputed from the rounded year totals', async () => {
    const p = await protectIndicators(synthResults, { method: 'rounding', base: 5 });
    const byYear = (id: string) => p.results.find((r) => r.definition.id === id && r.by.includes('year'))!;
    const shares = byYear('victims-unidentified');
    const observations = shares.observations.map((o) => ({ ...o, value: o.value! }));
    expect(shares.trend).toEqual(yearTrend(observations));
    expect(shares.trend!.statistic).not.toBe(synthResults.find((r) => r.definition.id === 'victims-unidentified' && r.by.includes('year'))!.trend!.statistic);
    const counts = byYear('series-by-abuse-country');
    expect(counts.trend).toEqual(yearCountTrend(counts.observations.map((o) => ({ ...o, value: o.value! }))));
    expect(counts.trend!.test).toBe('poisson-score');
  });

  it('Kaplan–Meier indicators are withheld with the reason under rounding and under noise', async () => {
    const rounded = await protectIndicators(synthResults, { method: 'rounding', base: 5 });
    expect(rounded.withheld).toEqual([{ indicator: 'identified-within-1y', reason: expect.stringMatching(/Kaplan–Meier.*rounded counts/) }]);
    expect(rounded.results.some((r) => r.definition.id === 'identified-within-1y')).toBe(false);
    const noisy = await protectIndicators(synthResults, { method: 'noise', epsilon: 0.5, seed: 7 });
    expect(noisy.withheld).toEqual([{ indicator: 'identified-within-1y', reason: expect.stringMatching(/Kaplan–Meier.*noisy counts/) }]);
    // Suppression publishes Kaplan–Meier figures (their counts pass the rules like any other).
    const sup = await protectIndicators(synthResults, { rules: { threshold: 3 } });
    expect(sup.withheld).toEqual([]);
    // Only Kaplan–Meier asked for under rounding: nothing to release.
    await expect(protectIndicators(synthResults.filter((r) => r.definition.id === 'identified-within-1y'), { method: 'rounding' })).rejects.toMatchObject({ code: 'VDX_USAGE' });
  });

  it('noise records the privacy budget: ε per count, the number of counts, ε × counts, the seed', async () => {
    const p = await protectIndicators(synthResults, { method: 'noise', epsilon: 0.5, seed: 7 });
    expect(p.record.method).toBe('noise');
    if (p.record.method !== 'noise') return;
    expect(p.record.budget).toMatchObject({ mechanism: 'two-sided-geometric', epsilonPerCell: 0.5, seed: 7, cells: p.cells.total });
    expect(p.record.budget.totalEpsilon).toBeCloseTo(0.5 * p.cells.total, 9);
    expect(p.cells.byStatus).toEqual({ noised: p.cells.total });
    // Shares come from the noisy counts (clamped to the denominator).
    for (const o of p.results.flatMap((r) => (r.definition.unit === 'share' ? r.observations : []))) {
      if (o.denominator! > 0) expect(o.value).toBe(o.numerator! / o.denominator!);
    }
    // Country ZZ and the region "Not determinable" are one count, so they get one noisy value (not two draws).
    for (const r of p.results.filter((x) => x.by.includes('country'))) {
      const zz = r.observations.find((o) => o.dims.country === 'ZZ' && Object.keys(o.dims).length === 1);
      const nd = r.observations.find((o) => o.dims.region === 'Not determinable' && Object.keys(o.dims).length === 1);
      expect(zz, r.definition.id).toBeDefined(); // the synthetic data has ZZ in every table
      expect([nd!.numerator, nd!.denominator, nd!.value]).toEqual([zz!.numerator, zz!.denominator, zz!.value]);
    }
    // The same seed gives the same release.
    const again = await protectIndicators(synthResults, { method: 'noise', epsilon: 0.5, seed: 7 });
    expect(again.results).toEqual(p.results);
  });
});
