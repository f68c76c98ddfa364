import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/index.ts';
import { regionOf } from '../codebook/index.ts';
import { VindexError } from '../errors.ts';
import { seriesRecord, toCsv } from '../ingest/testing/records.ts';
import { importFiles } from '../ingest/index.ts';
import type { TempStore } from '../ingest/testing/temp-store.ts';
import { allocate } from './allocation.ts';
import { frameHash } from './frame.ts';
import { parseFrameFilter } from './frame-filter.ts';
import { createStoredSample, listSamples, loadSample, verifySample, type CreateSampleInput } from './store.ts';
import { queryFrame } from './store-frame.ts';
import { syntheticStore } from './testing/synthetic-store.ts';

let t: TempStore;
const extra: TempStore[] = [];
beforeEach(async () => {
  t = await syntheticStore({ series: 300 });
});
afterEach(async () => {
  await t.cleanup();
  for (const x of extra.splice(0)) await x.cleanup();
});

const base = { frame: {}, design: 'srs', size: 20, seed: 1, actor: 'tester' } as const satisfies CreateSampleInput;

async function allSeries() {
  return t.store.db.selectFrom('series').selectAll().orderBy('key').execute();
}

async function written() {
  return {
    sample: await t.store.db.selectFrom('sample').selectAll().execute(),
    units: await t.store.db.selectFrom('sample_unit').selectAll().execute(),
    audit: await t.store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute(),
  };
}

async function refusal(input: CreateSampleInput): Promise<VindexError> {
  try {
    await createStoredSample(t.store, input);
  } catch (err) {
    if (err instanceof VindexError) return err;
    throw err;
  }
  throw new Error('created a sample');
}

describe('queryFrame', () => {
  it('selects the series matching every key (AND) and any value of a key (OR), checked against a plain filter of all series', async () => {
    const filter = parseFrameFilter('identified=no,notDeterminable;region=Europe,Americas;years=2012-2020');
    const expected = (await allSeries())
      .filter((s) => ['no', 'notDeterminable'].includes(s.identified) && ['Europe', 'Americas'].includes(regionOf(s.country)))
      .filter((s) => Number(s.first_seen.slice(0, 4)) >= 2012 && Number(s.first_seen.slice(0, 4)) <= 2020);
    const frame = await queryFrame(t.store.db, filter, null);
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.length).toBeLessThan(300);
    expect(frame.map((s) => s.key)).toEqual(expected.map((s) => s.key));
    expect(frame.every((s) => s.stratum === null)).toBe(true);

    const bySource = await queryFrame(t.store.db, parseFrameFilter('source=ICSE;country=US,DE'), ['series.victimGender', 'region']);
    const plain = (await allSeries()).filter((s) => s.source === 'ICSE' && ['US', 'DE'].includes(s.country));
    expect(bySource.map((s) => [s.key, s.stratum])).toEqual(plain.map((s) => [s.key, `${s.victim_gender ?? 'notDeterminable'} / ${regionOf(s.country)}`]));
    expect((await queryFrame(t.store.db, {}, null)).length).toBe(300);
  });
});

describe('createStoredSample', () => {
  it('stores a simple random sample with its units and one audit entry; ids s1, s2, … unless named', async () => {
    const s = await createStoredSample(t.store, { ...base, createdAt: '2026-02-01T00:00:00.000Z' });
    expect(s.id).toBe('s1');
    expect(s).toMatchObject({ createdAt: '2026-02-01T00:00:00.000Z', createdBy: 'tester', unit: 'series', frame: {}, frameSize: 300, strataBy: null, design: { kind: 'srs', n: 20 }, seed: 1, prng: 'mt19937' });
    expect(s.allocation).toEqual([{ stratum: null, populationSize: 300, sampleSize: 20 }]);
    const keys = (await allSeries()).map((r) => r.key);
    expect(s.frameHash).toBe(frameHash(keys));
    expect(s.units).toHaveLength(20);
    expect(new Set(s.units.map((u) => u.seriesKey)).size).toBe(20);
    for (const u of s.units) expect(u).toMatchObject({ stratum: null, inclusionProbability: 20 / 300, weight: 15, stratumSize: 300 });
    expect(s.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    expect(s.codebookVersion).toBe('1.0.0');
    expect(await loadSample(t.store, 's1')).toEqual(s);

    const audit = await listAudit(t.store.db, { actionPrefix: 'sample.' });
    expect(audit.map((e) => [e.actor, e.action, e.object, JSON.parse(e.detail)])).toEqual([
      ['tester', 'sample.create', 'sample:s1', { design: 'srs', n: 20, N: 300, seed: 1, frameHash: s.frameHash }],
    ]);

    expect((await createStoredSample(t.store, { ...base, seed: 2, id: 'pilot-a' })).id).toBe('pilot-a');
    expect((await createStoredSample(t.store, { ...base, seed: 3 })).id).toBe('s2');
    expect((await listSamples(t.store)).map((x) => x.id)).toEqual(['s1', 'pilot-a', 's2']);
  });

  it('gives the same units for the same frame, design and seed in two stores built from the same data; another seed gives others', async () => {
    const twin = await syntheticStore({ series: 300 }); // same data, same secret, another file
    extra.push(twin);
    const input: CreateSampleInput = { ...base, frame: parseFrameFilter('identified=no'), strataBy: ['series.victimGender'], design: 'proportional', size: 40, seed: 99 };
    const a = await createStoredSample(t.store, input);
    const b = await createStoredSample(twin.store, input);
    expect(b.frameHash).toBe(a.frameHash);
    expect(b.units.map((u) => [u.seriesKey, u.stratum, u.weight])).toEqual(a.units.map((u) => [u.seriesKey, u.stratum, u.weight]));
    const c = await createStoredSample(t.store, { ...input, seed: 100 });
    expect(c.frameHash).toBe(a.frameHash);
    expect(c.allocation).toEqual(a.allocation);
    expect(c.units.map((u) => u.seriesKey)).not.toEqual(a.units.map((u) => u.seriesKey));
  });

  it('stratified proportional with a minimum: allocation sums to n, each stratum holds n_h of its N_h frame series with weight N_h/n_h', async () => {
    const s = await createStoredSample(t.store, { ...base, strataBy: ['series.victimGender', 'region'], design: 'proportional', size: 60, minimumPerStratum: 2, seed: 7 });
    const frame = await queryFrame(t.store.db, {}, ['series.victimGender', 'region']);
    const sizes = new Map<string, number>();
    for (const f of frame) sizes.set(f.stratum!, (sizes.get(f.stratum!) ?? 0) + 1);
    expect(s.allocation.map((a) => a.stratum)).toEqual([...sizes.keys()].sort());
    expect(s.allocation.reduce((x, a) => x + a.sampleSize, 0)).toBe(60);
    expect(s.strataBy).toEqual(['series.victimGender', 'region']);
    const stratumOf = new Map(frame.map((f) => [f.key, f.stratum]));
    for (const a of s.allocation) {
      expect(a.populationSize).toBe(sizes.get(a.stratum!));
      expect(a.sampleSize).toBeGreaterThanOrEqual(Math.min(2, a.populationSize));
      const units = s.units.filter((u) => u.stratum === a.stratum);
      expect(units).toHaveLength(a.sampleSize);
      for (const u of units) {
        expect(stratumOf.get(u.seriesKey)).toBe(a.stratum);
        expect(u).toMatchObject({ inclusionProbability: a.sampleSize / a.populationSize, weight: a.populationSize / a.sampleSize, stratumSize: a.populationSize });
      }
      expect(units.reduce((x, u) => x + u.weight, 0)).toBeCloseTo(a.populationSize, 9);
    }
    expect(s.allocation.map((a) => a.sampleSize)).toEqual(allocate({ populationSizes: s.allocation.map((a) => a.populationSize), n: 60, rule: 'proportional', minimumPerStratum: 2 }));
  });

  it('Neyman from prior standard deviations (--neyman-sd) records them in the design', async () => {
    const frame = await queryFrame(t.store.db, {}, ['series.selfGenerated']);
    const labels = [...new Set(frame.map((f) => f.stratum!))].sort();
    expect(labels).toEqual(['no', 'notDeterminable', 'yes']);
    const neymanSd = { no: 0.2, notDeterminable: 0.5, yes: 0.45 };
    const s = await createStoredSample(t.store, { ...base, strataBy: ['series.selfGenerated'], design: 'neyman', size: 50, neymanSd });
    expect(s.design).toEqual({ kind: 'stratified', n: 50, allocation: 'neyman', standardDeviations: neymanSd });
    const Nh = labels.map((l) => frame.filter((f) => f.stratum === l).length);
    expect(s.allocation.map((a) => a.populationSize)).toEqual(Nh);
    expect(s.allocation.map((a) => a.sampleSize)).toEqual(allocate({ populationSizes: Nh, n: 50, rule: 'neyman', standardDeviations: [0.2, 0.5, 0.45] }));
  });

  it('Neyman from a pilot: S_h = √(p_h(1 − p_h)), p_h the pilot-weighted share in each new stratum', async () => {
    // An equal-allocation pilot by identification status gives unequal weights, so the weighting matters.
    const pilot = await createStoredSample(t.store, { ...base, strataBy: ['series.identified'], design: 'equal', size: 120, seed: 5 });
    expect(new Set(pilot.units.map((u) => u.weight)).size).toBeGreaterThan(1);
    const rows = new Map((await allSeries()).map((r) => [r.id, r]));
    const s = await createStoredSample(t.store, { ...base, strataBy: ['series.selfGenerated'], design: 'neyman', size: 40, seed: 6, pilot: { sampleId: pilot.id, share: { variable: 'series.victimGender', code: 'female' } } });
    const sd = s.design.kind === 'stratified' ? s.design.standardDeviations! : {};
    expect(Object.keys(sd).sort()).toEqual(['no', 'notDeterminable', 'yes']);
    let unweightedDiffers = false;
    for (const label of Object.keys(sd)) {
      const inStratum = pilot.units.filter((u) => (rows.get(u.seriesId)!.self_generated ?? 'notDeterminable') === label);
      const w = inStratum.reduce((x, u) => x + u.weight, 0);
      const wy = inStratum.filter((u) => rows.get(u.seriesId)!.victim_gender === 'female').reduce((x, u) => x + u.weight, 0);
      const p = wy / w;
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
      expect(sd[label]).toBeCloseTo(Math.sqrt(p * (1 - p)), 12);
      const plain = inStratum.filter((u) => rows.get(u.seriesId)!.victim_gender === 'female').length / inStratum.length;
      if (Math.abs(plain - p) > 1e-6) unweightedDiffers = true;
    }
    expect(unweightedDiffers).toBe(true);
    expect(JSON.parse((await listAudit(t.store.db)).at(-1)!.detail)).toMatchObject({ design: 'neyman', pilot: 's1' });
  });

  it('refuses bad input with what to change, and writes nothing', async () => {
    await createStoredSample(t.store, { ...base, size: 3, seed: 11, id: 'tiny' });
    const before = await written();
    const cases: [CreateSampleInput, string, RegExp][] = [
      [{ ...base, frame: parseFrameFilter('country=NZ;years=1990') }, 'VDX_SAMPLE_INVALID', /^the frame \(country=NZ;years=1990\) has no series in this store; widen --frame$/],
      [{ ...base, frame: parseFrameFilter('source=ICSE,ICSE-TYPO') }, 'VDX_SAMPLE_INVALID', /^--frame: source "ICSE-TYPO" has no series in this store \(its sources: HOTLINE, ICSE, NAT-AU, NAT-DE, NAT-GB, NAT-US\)$/],
      [{ ...base, size: 301 }, 'VDX_SAMPLE_INVALID', /^--size 301 is larger than the frame \(300 series; frame: all series\); lower --size to at most 300 or widen --frame$/],
      [{ ...base, strataBy: ['region'], design: 'equal', size: 10, minimumPerStratum: 3 }, 'VDX_SAMPLE_INVALID', /^--min-per-stratum 3 needs \d+ series over the \d strata .* but --size is 10; raise --size to at least \d+ or lower --min-per-stratum$/],
      [{ ...base, strataBy: ['series.selfGenerated'], design: 'neyman' }, 'VDX_SAMPLE_INVALID', /give either --neyman-sd/],
      [{ ...base, strataBy: ['series.selfGenerated'], design: 'neyman', neymanSd: { yes: 0.4, no: 0.3 } }, 'VDX_SAMPLE_INVALID', /^--neyman-sd gives no standard deviation for stratum "notDeterminable"/],
      [{ ...base, strataBy: ['series.selfGenerated'], design: 'neyman', neymanSd: { yes: 0.4, no: 0.3, notDeterminable: 0.1, maybe: 1 } }, 'VDX_SAMPLE_INVALID', /names stratum "maybe", which the frame does not have \(its strata: "no", "notDeterminable", "yes"\)/],
      [{ ...base, strataBy: ['series.selfGenerated'], design: 'neyman', neymanSd: { yes: 0, no: 0, notDeterminable: 0 } }, 'VDX_SAMPLE_INVALID', /every stratum has S_h = 0/],
      [{ ...base, strataBy: ['region'], design: 'neyman', pilot: { sampleId: 'tiny', share: { variable: 'series.selfGenerated', code: 'yes' } } }, 'VDX_SAMPLE_INVALID', /^the pilot sample tiny has no units in stratum .*; give prior values with --neyman-sd/],
      [{ ...base, strataBy: ['region'], design: 'neyman', pilot: { sampleId: 'nope', share: { variable: 'series.selfGenerated', code: 'yes' } } }, 'VDX_SAMPLE_NOT_FOUND', /^there is no sample nope in /],
      [{ ...base, design: 'proportional' }, 'VDX_SAMPLE_INVALID', /^--design proportional needs --strata/],
      [{ ...base, strataBy: ['region'] }, 'VDX_SAMPLE_INVALID', /^--strata needs a stratified design/],
      [{ ...base, minimumPerStratum: 2 }, 'VDX_SAMPLE_INVALID', /^--min-per-stratum needs a stratified design/],
      [{ ...base, id: 'tiny' }, 'VDX_SAMPLE_INVALID', /^a sample with id tiny already exists in this store; choose another --id \(or leave it out for s1\)$/],
      [{ ...base, id: 'Bad Name' }, 'VDX_USAGE', /is not a valid sample id/],
      [{ ...base, seed: 2 ** 32 }, 'VDX_SAMPLE_INVALID', /^--seed must be a whole number from 0 to 4294967295/],
    ];
    for (const [input, code, message] of cases) {
      const err = await refusal(input);
      expect([err.code, err.message]).toEqual([code, expect.stringMatching(message)]);
    }
    expect(await written()).toEqual(before);
  });
});

describe('verifySample', () => {
  it('confirms an unchanged store, and shows a frame changed by a later import', async () => {
    const s = await createStoredSample(t.store, { ...base, frame: parseFrameFilter('country=DE'), size: 3 });
    expect(await verifySample(t.store, s.id)).toEqual({ id: 's1', currentFrameHash: s.frameHash, currentFrameSize: s.frameSize, frameMatches: true, unitsMatch: true, snapshotMatches: true });
    const file = t.file('more.csv', toCsv([seriesRecord('NEW-1', { 'series.country': 'DE' })]));
    await importFiles({ store: t.store, files: [file], actor: 'tester', today: '2026-01-01' });
    const v = await verifySample(t.store, s.id);
    expect(v).toMatchObject({ currentFrameSize: s.frameSize + 1, frameMatches: false, snapshotMatches: false });
    expect(v.currentFrameHash).not.toBe(s.frameHash);
    await expect(verifySample(t.store, 'nope')).rejects.toMatchObject({ code: 'VDX_SAMPLE_NOT_FOUND' });
  });
});
