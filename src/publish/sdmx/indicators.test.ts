import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeIndicators } from '../../indicators/index.ts';
import type { IndicatorSet } from '../../indicators/types.ts';
import { importFiles } from '../../ingest/index.ts';
import { tempStore } from '../../ingest/testing/temp-store.ts';
import { writeSyntheticFile } from '../../synth/index.ts';
import { confStatusOf } from './rows.ts';
import { validateSdmx } from './validate.ts';
import { writeSdmx } from './write.ts';

// The shipped indicators computed on 300 synthetic series, written as SDMX and read back.
let dir: string;
let byCountryYear: IndicatorSet;
let byRegionGenderAge: IndicatorSet;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vindex-sdmx-ind-'));
  const data = join(dir, 'synthetic.csv');
  await writeSyntheticFile({ seed: 3, series: 300, out: data, format: 'csv' });
  const t = await tempStore();
  const store = t.store;
  try {
    await importFiles({ store, files: [data] });
    byCountryYear = await computeIndicators(store, { by: ['country', 'year'], generatedAt: '2026-01-01T00:00:00.000Z' });
    byRegionGenderAge = await computeIndicators(store, { by: ['region', 'gender', 'ageBand'], generatedAt: '2026-01-01T00:00:00.000Z' });
  } finally {
    await t.cleanup();
  }
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SDMX of computed indicators', () => {
  it.each([
    ['country × year', () => byCountryYear],
    ['region × gender × age band', () => byRegionGenderAge],
  ])('%s: every observation is written once and the files match their structure', async (name, set) => {
    const out = await writeSdmx(set(), join(dir, name.replace(/\W+/g, '-')));
    const v = await validateSdmx(out.files.map((f) => f.path));
    expect(v.issues).toEqual([]);
    const total = set().results.reduce((n, r) => n + r.observations.length, 0);
    // Only identical duplicates (country ZZ = region "Not determinable", AQ = Antarctic) are merged.
    expect(out.observations).toBeLessThanOrEqual(total);
    expect(out.observations).toBeGreaterThan(total * 0.9);
    const rows = parse(await readFile(out.files.find((f) => f.format === 'sdmx-csv')!.path, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(out.observations);
    expect(new Set(rows.map((r) => r.SERIES))).toEqual(new Set(set().results.map((r) => r.definition.id)));
  });

  it('the World total of a share equals the computed value, as a percentage', async () => {
    const result = byCountryYear.results.find((r) => r.definition.id === 'victims-unidentified')!;
    const total = result.observations.find((o) => Object.keys(o.dims).length === 0)!;
    const out = await writeSdmx(byCountryYear, join(dir, 'world'), { formats: ['sdmx-csv'] });
    const rows = parse(await readFile(out.files[0]!.path, 'utf8'), { columns: true }) as Record<string, string>[];
    const world = rows.find((r) => r.SERIES === 'victims-unidentified' && r.REF_AREA === '001' && r.FREQ === '_Z')!;
    expect(Number(world.OBS_VALUE)).toBeCloseTo(total.value * 100, 5);
    expect(Number(world.LOWER_BOUND)).toBeCloseTo(total.lower! * 100, 5);
    expect(world.TIME_PERIOD).toBe(byCountryYear.manifest.dataDate);
  });
});

describe('confStatusOf', () => {
  it('maps disclosure statuses and refuses unknown ones', () => {
    expect(['published', 'primary', 'secondary', 'rounded', 'noised'].map(confStatusOf)).toEqual(['F', 'C', 'D', 'F', 'F']);
    expect(() => confStatusOf('hidden')).toThrow(/unknown disclosure status/);
  });
});
