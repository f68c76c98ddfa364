import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IndicatorSet } from '../../indicators/index.ts';
import { loadHandDataset } from '../../indicators/testing/hand-dataset.ts';
import { tempStore, type TempStore } from '../../ingest/testing/temp-store.ts';
import { main } from '../main.ts';
import { UNPROTECTED_WARNING } from './indicators.ts';

let t: TempStore;
let out: string[];
let err: string[];
beforeEach(async () => {
  t = await tempStore();
  await loadHandDataset(t);
  await t.closeStore(); // the CLI opens the store itself
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.cleanup();
});

const vindex = (...args: string[]) => main(['node', 'vindex', ...args]);

describe('vindex indicators', () => {
  it('list: id, title, unit and definition of every built-in indicator', async () => {
    expect(await vindex('indicators', 'list')).toBe(0);
    const text = out.join('');
    expect(text).toContain('victims-unidentified  — Victims who remain unidentified\n  unit: share · victim · interval: wilson · by: country, region, year, ageBand, gender, source\n');
    expect(text).toContain('identified-within-5y  — Series identified within 5 years of first sighting\n  unit: share within 5 y (Kaplan–Meier) · series');
    expect(text).toContain('series-by-abuse-country  — Series by suspected country of abuse\n  unit: count · series · interval: poisson');
  });

  it('list --definitions FILE --json adds the user definitions', async () => {
    const file = t.file('mine.yaml', '- id: mine\n  title: Mine\n  definition: Series from Germany.\n  unit: count\n  entity: series\n  numerator: { series.country: [DE] }\n  denominator: null\n  disaggregations: [year]\n  interval: none\n');
    expect(await vindex('indicators', 'list', '--definitions', file, '--json')).toBe(0);
    const defs = JSON.parse(out.join('')) as { id: string }[];
    expect(defs).toHaveLength(14);
    expect(defs.at(-1)).toMatchObject({ id: 'mine', unit: 'count' });
  });

  it('compute --by country --json prints the IndicatorSet and warns on stderr that it is unprotected', async () => {
    expect(await vindex('indicators', 'compute', '--db', t.dbArg, '--by', 'country', '--indicator', 'victims-unidentified', '--data-date', '2020-01-01', '--json')).toBe(0);
    expect(err.join('')).toBe(UNPROTECTED_WARNING);
    const set = JSON.parse(out.join('')) as IndicatorSet;
    expect(set.manifest).toMatchObject({ dataDate: '2020-01-01', basis: 'census', level: 0.95 });
    expect(set.results).toHaveLength(1);
    expect(set.results[0]!.observations.map((o) => [o.dims, o.numerator, o.denominator])).toEqual([
      [{ country: 'BR' }, 1, 1], [{ country: 'DE' }, 2, 3], [{ country: 'FR' }, 2, 2], [{ country: 'US' }, 1, 1], [{ region: 'Americas' }, 2, 2], [{ region: 'Europe' }, 4, 5], [{}, 6, 7],
    ]);
  });

  it('compute as text: values, intervals, counts, the trend and the not-reached median', async () => {
    expect(await vindex('indicators', 'compute', '--db', t.dbArg, '--by', 'year', '--indicator', 'victims-unidentified,time-to-identification', '--data-date', '2020-01-01')).toBe(0);
    const text = out.join('');
    expect(text).toContain('UNPROTECTED: not disclosure-checked; for analysts only, not for release.');
    expect(text).toContain('victims-unidentified — Victims who remain unidentified (share)\n  year        value [95% interval]         numerator/denominator\n  2015        66.7% [20.8%–93.9%]        2/3\n');
    expect(text).toContain('  (all)       85.7% [48.7%–97.4%]        6/7\n');
    expect(text).toContain('  trend over years (cochran-armitage): χ² = 1.22, p = 0.270, slope 20.83 percentage points per year');
    expect(text).toContain('time-to-identification — Median time from first sighting to identification (median years (Kaplan–Meier))');
    expect(text).toContain('  (all)       > 4.59 [3.00–NA]           2/5  (median not reached)\n');
    expect(text).toContain('  2015        1.00 [1.00–NA]             1/2\n');
  });

  it('compute with user definitions and --aggregation equal-country', async () => {
    const file = t.file('mine.json', JSON.stringify([{ id: 'mine', title: 'Mine', definition: 'Identified series.', unit: 'share', entity: 'series', numerator: { 'series.identified': ['yes'] }, denominator: {}, disaggregations: ['country', 'region'], interval: 'wilson' }]));
    expect(await vindex('indicators', 'compute', '--db', t.dbArg, '--definitions', file, '--indicator', 'mine', '--by', 'region', '--aggregation', 'equal-country', '--json')).toBe(0);
    const set = JSON.parse(out.join('')) as IndicatorSet;
    const r = set.results[0]!;
    expect(r.aggregation).toBe('equal-country');
    // Europe: DE 1/2 and FR 1/1 → (0.5 + 1) / 2; pooled counts 2/3.
    expect(r.observations.find((o) => o.dims.region === 'Europe')).toMatchObject({ value: 0.75, numerator: 2, denominator: 3 });
  });

  it('compute --sample: design-based shares with SE and design effect; counts and times omitted', async () => {
    expect(await vindex('sample', 'create', '--db', t.dbArg, '--design', 'srs', '--size', '4', '--seed', '1', '--by', 'tester')).toBe(0);
    out.length = 0;
    err.length = 0;
    expect(await vindex('indicators', 'compute', '--db', t.dbArg, '--sample', 's1', '--indicator', 'series-visible-offender,series-by-abuse-country', '--json')).toBe(0);
    expect(err.join('')).toBe(UNPROTECTED_WARNING);
    const set = JSON.parse(out.join('')) as IndicatorSet;
    expect(set.manifest.basis).toBe('sample:s1');
    expect(set.manifest.omitted).toEqual([{ indicator: 'series-by-abuse-country', reason: 'a count indicator; design-based estimation from a sample covers shares only' }]);
    const r = set.results[0]!;
    expect(r.estimator).toBe('design');
    const o = r.observations[0]!;
    // SRS of 4 of 5 series, equal weights 5/4: the weighted share is the sample share.
    expect(o.denominator).toBe(4);
    expect(o.value).toBeCloseTo(o.numerator! / 4, 12);
    expect(o.standardError).toBeGreaterThan(0);
  });

  it('exits 2 on an unknown dimension, indicator, bad definitions file or bad level, naming what is allowed', async () => {
    expect(await vindex('indicators', 'compute', '--db', t.dbArg, '--by', 'country,colour')).toBe(2);
    expect(err.join('')).toContain('vindex: error VDX_USAGE: --by: unknown dimension "colour" (allowed: country, region, year, ageBand, gender, source)');
    err.length = 0;
    expect(await vindex('indicators', 'compute', '--db', t.dbArg, '--indicator', 'nope')).toBe(2);
    expect(err.join('')).toContain('unknown indicator "nope"');
    err.length = 0;
    const bad = t.file('bad.yaml', '- id: b\n  title: B\n  definition: d\n  unit: share\n  entity: victim\n  numerator: { victim.ageBand: [toddler] }\n  denominator: {}\n  disaggregations: []\n  interval: wilson\n');
    expect(await vindex('indicators', 'compute', '--db', t.dbArg, '--definitions', bad)).toBe(2);
    expect(err.join('')).toContain(`vindex: error VDX_INDICATOR_DEFINITION: invalid indicator definitions:\n  ${bad}: [0].numerator.victim.ageBand[0] (b): "toddler" is not a code of victim.ageBand`);
    err.length = 0;
    expect(await vindex('indicators', 'compute', '--db', t.dbArg, '--level', '95')).toBe(2);
    expect(err.join('')).toContain('--level must be between 0 and 1');
    err.length = 0;
    expect(await vindex('indicators', 'compute', '--db', t.dbArg, '--lonely-psu', 'certainty')).toBe(2);
    expect(err.join('')).toContain('--lonely-psu needs --sample');
    expect(out.join('')).toBe('');
  });
});
