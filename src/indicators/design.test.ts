import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempStore } from '../ingest/testing/temp-store.ts';
import { SAMPLE_FIXTURE } from '../profile/fixtures/sample-profile-input.ts';
import { createStoredSample } from '../sampling/index.ts';
import { syntheticStore } from '../sampling/testing/synthetic-store.ts';
import { expectClose } from '../stats/testing/close.ts';
import { computeIndicators } from './compute.ts';
import { parseDefinitions } from './schema.ts';
import type { IndicatorResult } from './types.ts';

// R survey 4.1 on the same store and sample (scripts/reference/sample-profile.R): svymean of the
// category indicator over subset(design, population), design svydesign(ids = ~series, strata =
// ~region, weights, fpc). An indicator whose numerator is that category and whose denominator is
// that population is the same estimate.
interface RefRow { category: string; count: number; share: number; standardError: number; lower: number; upper: number; designEffect: number | null }
const REF = JSON.parse(readFileSync(new URL('../profile/fixtures/sample-profile.json', import.meta.url), 'utf8')) as { tables: Record<string, { total: number; rows: RefRow[] }> };

const DEFS = parseDefinitions(
  [
    { id: 'boys-unidentified', numerator: { 'victim.gender': ['male'] }, denominator: { 'victim.identified': ['no'] }, entity: 'victim', table: 'victim-gender-unidentified', category: 'male' },
    { id: 'cat-a', numerator: { 'victim.severity': ['catA'] }, denominator: {}, entity: 'victim', table: 'victim-severity-all', category: 'catA' },
    { id: 'self-generated-unidentified', numerator: { 'series.selfGenerated': ['yes'] }, denominator: { 'series.identified': ['no'] }, entity: 'series', table: 'series-self-generated-unidentified', category: 'yes' },
  ].map(({ table: _t, category: _c, ...d }) => ({ ...d, title: d.id, definition: d.id, unit: 'share', disaggregations: ['region', 'country'], interval: 'design' })),
  'design test',
);
const REF_CELLS: Record<string, [string, string]> = { 'boys-unidentified': ['victim-gender-unidentified', 'male'], 'cat-a': ['victim-severity-all', 'catA'], 'self-generated-unidentified': ['series-self-generated-unidentified', 'yes'] };

let t: TempStore;
beforeAll(async () => {
  t = await syntheticStore({ series: SAMPLE_FIXTURE.series, seed: SAMPLE_FIXTURE.seed });
  await createStoredSample(t.store, { ...SAMPLE_FIXTURE.sample, actor: 'tester' });
}, 60_000);
afterAll(async () => t?.cleanup());

const total = (r: IndicatorResult) => r.observations.find((o) => Object.keys(o.dims).length === 0)!;

describe('design-based shares from a stored sample (--sample)', () => {
  it('equal R survey svymean on subset(design, denominator): share, SE, t interval, deff, sample counts', async () => {
    const set = await computeIndicators(t.store, { definitions: DEFS, sample: 's1' });
    expect(set.manifest.basis).toBe('sample:s1');
    for (const r of set.results) {
      const [table, category] = REF_CELLS[r.definition.id]!;
      const ref = REF.tables[table]!;
      const row = ref.rows.find((x) => x.category === category)!;
      const o = total(r);
      expect(r.estimator).toBe('design');
      expect([o.numerator, o.denominator], r.definition.id).toEqual([row.count, ref.total]);
      expectClose(o.value, row.share, 1e-9, `${r.definition.id} share`);
      expectClose(o.standardError!, row.standardError, 1e-9, `${r.definition.id} SE`);
      expectClose(o.lower!, row.lower, 1e-9, `${r.definition.id} lower`);
      expectClose(o.upper!, row.upper, 1e-9, `${r.definition.id} upper`);
      if (row.designEffect === null) expect(o.designEffect).toBeNull();
      else expectClose(o.designEffect!, row.designEffect, 1e-9, `${r.definition.id} deff`);
    }
  });

  it('by region (the strata, equal weights within each): a series share is the sample share of the stratum; counts add up', async () => {
    const set = await computeIndicators(t.store, { definitions: DEFS, indicators: ['self-generated-unidentified'], sample: 's1', by: ['region'] });
    const r = set.results[0]!;
    expect(r.by).toEqual(['region']);
    const regions = r.observations.filter((o) => o.dims.region !== undefined);
    expect(regions.length).toBeGreaterThan(2);
    for (const o of regions) expectClose(o.value, o.numerator! / o.denominator!, 1e-12, o.dims.region);
    expect(regions.reduce((s, o) => s + o.denominator!, 0)).toBe(total(r).denominator);
  });

  it('counts and Kaplan–Meier indicators are omitted from a sample, with the reason in the manifest', async () => {
    const set = await computeIndicators(t.store, { sample: 's1', indicators: ['victims-unidentified', 'time-to-identification', 'series-by-abuse-country'] });
    expect(set.results.map((r) => r.definition.id)).toEqual(['victims-unidentified']);
    expect(set.manifest.omitted).toEqual([
      { indicator: 'time-to-identification', reason: 'a Kaplan–Meier indicator; design-based estimation from a sample covers shares only' },
      { indicator: 'series-by-abuse-country', reason: 'a count indicator; design-based estimation from a sample covers shares only' },
    ]);
  });

  it('an unknown sample is VDX_SAMPLE_NOT_FOUND', async () => {
    await expect(computeIndicators(t.store, { sample: 's9', indicators: ['victims-unidentified'] })).rejects.toMatchObject({ code: 'VDX_SAMPLE_NOT_FOUND' });
  });
});
