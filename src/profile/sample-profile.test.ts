import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjudicate } from '../coding/adjudicate.ts';
import { createRound, roundAssignments } from '../coding/round.ts';
import type { TempStore } from '../ingest/testing/temp-store.ts';
import { createStoredSample } from '../sampling/index.ts';
import { syntheticStore } from '../sampling/testing/synthetic-store.ts';
import { expectClose } from '../stats/testing/close.ts';
import { computeProfile } from './compute.ts';
import { DESIGN_PROFILE_METHOD } from './design.ts';
import { SAMPLE_FIXTURE } from './fixtures/sample-profile-input.ts';
import { applyFinalValues, computeSampleProfile, sampleDesignUnits, type RoundValues } from './sample-profile.ts';
import { POPULATIONS, TABLE_SPECS } from './spec.ts';

// Expected values: scripts/reference/sample-profile.R (R 4.2, survey 4.1) on the CSVs that
// scripts/reference/sample-profile-export.ts wrote from the same store and sample.
interface RefRow { category: string; count: number; share: number; standardError: number; lower: number; upper: number; designEffect: number | null }
interface RefTable { total: number; weightedTotal: number; degreesOfFreedom: number; rows: RefRow[] }
const REF = JSON.parse(readFileSync(new URL('./fixtures/sample-profile.json', import.meta.url), 'utf8')) as {
  counts: { series: number; victims: number; offenders: number };
  emptySeries: { victims: number; offenders: number };
  strata: Record<string, number>;
  tables: Record<string, RefTable>;
};
const TOL = 1e-9;
const AT = '2026-06-02T00:00:00.000Z';

let t: TempStore;
beforeAll(async () => {
  t = await syntheticStore({ series: SAMPLE_FIXTURE.series, seed: SAMPLE_FIXTURE.seed });
  await createStoredSample(t.store, { ...SAMPLE_FIXTURE.sample, actor: 'tester' });
}, 60_000);
afterAll(async () => t?.cleanup());

describe('computeSampleProfile against R survey', () => {
  it('estimates every share, SE, t interval (domain df) and design effect as svydesign(ids = ~series, strata, weights, fpc) does', async () => {
    // Sampled series without offenders stay PSUs of their strata (R: subset(design, present)).
    expect(REF.emptySeries.offenders).toBeGreaterThan(0);
    const profile = await computeSampleProfile(t.store, 's1', { generatedAt: AT });
    expect(profile.manifest.counts).toEqual({ sources: expect.any(Number) as number, ...REF.counts });
    expect(profile.tables.map((x) => x.id)).toEqual(TABLE_SPECS.flatMap((s) => POPULATIONS.map((p) => `${s.key}-${p}`)));
    let compared = 0;
    for (const table of profile.tables) {
      const ref = REF.tables[table.id]!;
      expect(table.estimator, table.id).toBe('design');
      expect(table.total, `${table.id} total`).toBe(ref.total);
      expect(table.degreesOfFreedom, `${table.id} df`).toBe(ref.degreesOfFreedom);
      expectClose(table.weightedTotal!, ref.weightedTotal, TOL, `${table.id} weightedTotal`);
      table.rows.forEach((row, i) => {
        const r = ref.rows[i]!;
        const at = `${table.id} ${row.category}`;
        expect(row.category).toBe(r.category);
        expect(row.count, `${at} count`).toBe(r.count);
        expectClose(row.share, r.share, TOL, `${at} share`);
        expectClose(row.standardError!, r.standardError, TOL, `${at} SE`);
        expectClose(row.lower, r.lower, TOL, `${at} lower`);
        expectClose(row.upper, r.upper, TOL, `${at} upper`);
        if (r.designEffect === null) expect(row.designEffect, `${at} deff`).toBeNull();
        else expectClose(row.designEffect!, r.designEffect, TOL, `${at} deff`);
        compared++;
      });
    }
    expect(compared).toBe(3 * TABLE_SPECS.reduce((n, s) => n + s.categories.length, 0));
  });

  it('estimates the frame: the weighted total of all series is N, and unequal weights give design effects other than 1', async () => {
    const profile = await computeSampleProfile(t.store, 's1', { generatedAt: AT });
    const all = profile.tables.find((x) => x.id === 'series-self-generated-all')!;
    expectClose(all.weightedTotal!, 300, 1e-12, 'Σw of the series');
    const deffs = profile.tables.filter((x) => x.unit === 'victims').flatMap((x) => x.rows.map((r) => r.designEffect)).filter((d): d is number => d !== null && d !== undefined);
    expect(deffs.some((d) => d > 1.5)).toBe(true);
  });

  it('records the sample in the manifest, and says the shares are design-based', async () => {
    const { manifest } = await computeSampleProfile(t.store, 's1', { generatedAt: AT });
    expect(manifest.method).toBe(DESIGN_PROFILE_METHOD);
    expect(manifest.generatedAt).toBe(AT);
    expect(manifest.round).toBeUndefined();
    const s = manifest.sample!;
    expect({ id: s.id, frameSize: s.frameSize, sampleSize: s.sampleSize, seed: s.seed, prng: s.prng, strataBy: s.strataBy, kind: s.design.kind }).toEqual({
      id: 's1', frameSize: 300, sampleSize: 90, seed: SAMPLE_FIXTURE.sample.seed, prng: 'mt19937', strataBy: ['region'], kind: 'stratified',
    });
    expect(Object.fromEntries(s.allocation.map((a) => [a.stratum, a.sampleSize]))).toEqual(REF.strata);
    expect(s.allocation.reduce((n, a) => n + a.populationSize, 0)).toBe(300);
    expect(s.frameHash).toMatch(/^[0-9a-f]{64}$/);
    expect(s.drawnFromSnapshot).toBe(manifest.snapshotHash); // nothing imported since
  });
});

describe('computeSampleProfile: census and refusals', () => {
  it('a simple random sample of every series (n = N) gives the census profile\'s shares, with no sampling error', async () => {
    await createStoredSample(t.store, { frame: {}, design: 'srs', size: 300, seed: 7, id: 'census', actor: 'tester' });
    const sample = await computeSampleProfile(t.store, 'census', { generatedAt: AT });
    const census = await computeProfile(t.store, { generatedAt: AT });
    expect(sample.manifest.counts).toEqual(census.manifest.counts);
    sample.tables.forEach((table, k) => {
      const c = census.tables[k]!;
      expect(table.id).toBe(c.id);
      expect(table.total).toBe(c.total);
      table.rows.forEach((r, i) => {
        expect(r.count).toBe(c.rows[i]!.count);
        if (c.total > 0) expectClose(r.share, c.rows[i]!.share, 1e-12, `${table.id} ${r.category}`);
        if (c.total > 0) expect(r.standardError).toBeCloseTo(0, 12);
      });
    });
    expect(sample.associations).toEqual(census.associations);
    expect(sample.comparisons).toEqual(census.comparisons);
  });

  it('refuses an unknown sample', async () => {
    await expect(computeSampleProfile(t.store, 's9')).rejects.toMatchObject({ code: 'VDX_SAMPLE_NOT_FOUND' });
  });

  it('refuses a round of another sample, naming both', async () => {
    await createRound(t.store, { sampleId: 'census', coders: ['ann', 'ben'], overlap: 0.2, seed: 3, id: 'rc', actor: 'tester', variables: ['victim.gender'] });
    await expect(computeSampleProfile(t.store, 's1', { roundId: 'rc' })).rejects.toMatchObject({ code: 'VDX_ROUND_INVALID', message: expect.stringMatching(/round rc codes sample census, not sample s1/) as string });
    await expect(computeSampleProfile(t.store, 's1', { roundId: 'r404' })).rejects.toMatchObject({ code: 'VDX_ROUND_NOT_FOUND' });
  });

  it('refuses a stratum with a single sampled series under lonelyPsu "fail", and treats it as asked otherwise', async () => {
    // Proportional allocation of 8 series over the region strata gives some strata one series.
    const s = await createStoredSample(t.store, { frame: {}, strataBy: ['region'], design: 'proportional', size: 8, minimumPerStratum: 1, seed: 11, id: 'tiny', actor: 'tester' });
    const lonely = s.allocation.filter((a) => a.sampleSize === 1 && a.populationSize > 1);
    expect(lonely.length).toBeGreaterThan(0);
    await expect(computeSampleProfile(t.store, 'tiny')).rejects.toMatchObject({ code: 'VDX_SAMPLE_INVALID', message: expect.stringMatching(/only one sampled series.*--lonely-psu/) as string });
    const p = await computeSampleProfile(t.store, 'tiny', { lonelyPsu: 'certainty' });
    expect(p.tables.find((x) => x.id === 'series-self-generated-all')!.total).toBe(8);
  });
});

describe('applyFinalValues', () => {
  const design = { seriesId: 1, stratum: 'A', weight: 2, fpc: 10 };
  const rows = () => ({
    series: [
      { ...design, key: 'S1', identified: 'no', victim_gender: 'female', victim_age_group: 'pubescent', victim_count: 1, self_generated: 'no', source: 'x' },
      { ...design, seriesId: 2, key: 'S2', identified: 'yes', victim_gender: 'male', victim_age_group: 'pubescent', victim_count: 2, self_generated: 'no', source: 'x' },
    ],
    victims: [
      { ...design, key: 'V1', identified: 'no', gender: 'female', age_band: 'pubescent', severity: 'catB', ethnicity: 'white', severity_scale: 'copine', severity_code: '7', penetration: 'no' },
      { ...design, key: 'V2', identified: 'no', gender: 'male', age_band: 'prepubescent', severity: 'catC', ethnicity: 'asian', severity_scale: 'uk', severity_code: 'C', penetration: null },
    ],
    offenders: [],
  });
  const values = (series: Record<string, Record<string, string>>, victims: Record<string, Record<string, string>>): RoundValues => ({
    series: new Map(Object.entries(series)),
    victims: new Map(Object.entries(victims)),
    unresolved: 0,
    uncoded: 0,
  });

  it('replaces coded columns, re-derives the harmonised severity, and leaves the rest', () => {
    const r = rows();
    const n = applyFinalValues(r, values({ S1: { 'series.victimCount': '4', 'series.selfGenerated': 'yes', 'series.paraphilicThemes': 'no' } }, { V1: { 'victim.penetration': 'yes', 'victim.ageBand': 'prepubescent' }, V2: { 'victim.severityScale': 'uk', 'victim.severityCode': 'a' } }));
    expect(n).toBe(6); // paraphilicThemes is not a column the profile reads
    expect(r.series[0]).toMatchObject({ victim_count: 4, self_generated: 'yes', victim_gender: 'female' });
    expect(r.series[1]).toEqual(rows().series[1]);
    expect(r.victims[0]).toMatchObject({ penetration: 'yes', severity: 'catA', age_band: 'prepubescent', gender: 'female' }); // COPINE 7 penetrative → A
    expect(r.victims[1]).toMatchObject({ severity_code: 'A', severity: 'catA', gender: 'male' });
    const units = sampleDesignUnits(r);
    expect(Array.from(units.series.codes.victims_band!)).toEqual(['4-5', '2']);
    expect(Array.from(units.victims.codes.severity!)).toEqual(['catA', 'catA']);
    expect(Array.from(units.victims.clusters!)).toEqual([1, 1]);
  });

  it('reads a not-determinable count as not determinable, and a not-determinable severity code as such', () => {
    const r = rows();
    applyFinalValues(r, values({ S2: { 'series.victimCount': 'notDeterminable' } }, { V2: { 'victim.severityCode': 'notDeterminable' } }));
    expect(r.series[1]!.victim_count).toBeNull();
    expect(r.victims[1]!.severity).toBe('notDeterminable');
    expect(Array.from(sampleDesignUnits(r).series.codes.victims_band!)).toEqual(['1', 'notDeterminable']);
  });
});

describe('computeSampleProfile with a coding round', () => {
  // A hand-built round r1 of s1: ann and ben code series.selfGenerated and victim.gender. They
  // copy the store's values, except that every victim of the Europe stratum is coded female, and
  // on one overlap series the two coders disagree on selfGenerated.
  let disputed = '';
  const at = '2026-06-01T12:00:00.000Z';
  beforeAll(async () => {
    await createRound(t.store, { sampleId: 's1', coders: ['ann', 'ben'], overlap: 0.2, seed: 9, id: 'r1', variables: ['series.selfGenerated', 'victim.gender'], actor: 'lead', createdAt: at });
  });

  async function codeRound(): Promise<void> {
    const assignments = await roundAssignments(t.store, 'r1');
    disputed = assignments.find((a) => a.overlap)!.seriesKey;
    const series = new Map((await t.store.db.selectFrom('series').select(['id', 'key', 'self_generated']).execute()).map((s) => [s.id, s]));
    const strata = new Map((await t.store.db.selectFrom('sample_unit').select(['series_id', 'stratum']).where('sample_id', '=', 's1').execute()).map((u) => [u.series_id, u.stratum]));
    const rows = [];
    const base = { round_id: 'r1', coded_at: at, codebook_version: '1', sheet_hash: 'f'.repeat(64) };
    for (const a of assignments) {
      const s = series.get(a.seriesId)!;
      const sg = a.seriesKey === disputed && a.coder === 'ben' ? (s.self_generated === 'yes' ? 'no' : 'yes') : s.self_generated!;
      rows.push({ ...base, record: 'series', unit_key: s.key, series_id: s.id, coder: a.coder, variable: 'series.selfGenerated', value: sg });
      const victims = await t.store.db.selectFrom('victim').select(['key', 'gender']).where('series_id', '=', a.seriesId).execute();
      for (const v of victims) rows.push({ ...base, record: 'victim', unit_key: v.key, series_id: s.id, coder: a.coder, variable: 'victim.gender', value: strata.get(a.seriesId) === 'Europe' ? 'female' : v.gender });
    }
    await t.store.db.insertInto('coding_value').values(rows).execute();
  }

  it('refuses while values are uncoded, naming the count and the commands that help', async () => {
    await expect(computeSampleProfile(t.store, 's1', { roundId: 'r1' })).rejects.toMatchObject({
      code: 'VDX_ROUND_INVALID',
      message: expect.stringMatching(/no final value yet for \d+ unit × variable values \(0 unresolved disagreements, \d+ not yet coded\).*vindex coding status r1.*vindex coding disagreements r1.*vindex coding adjudicate.*--allow-incomplete/) as string,
    });
  });

  it('replaces the store values by the final ones; refuses an unresolved disagreement unless allowed; takes the adjudicated value', async () => {
    await codeRound();
    await expect(computeSampleProfile(t.store, 's1', { roundId: 'r1' })).rejects.toMatchObject({ code: 'VDX_ROUND_INVALID', message: expect.stringMatching(/for 1 unit × variable value \(1 unresolved disagreements, 0 not yet coded\)/) as string });

    const plain = await computeSampleProfile(t.store, 's1', { generatedAt: AT });
    const coded = await computeSampleProfile(t.store, 's1', { roundId: 'r1', allowIncomplete: true, generatedAt: AT });
    expect(coded.manifest.round).toEqual({ id: 'r1', coders: ['ann', 'ben'], variables: ['series.selfGenerated', 'victim.gender'], unresolvedUsedStoreValue: 1, adjudicated: 0 });
    // Victim gender: the Europe stratum's victims count as female now. Expected share by hand: Σw over
    // female victims (after the round) / Σw over all victims.
    const victims = await t.store.db
      .selectFrom('sample_unit')
      .innerJoin('victim', 'victim.series_id', 'sample_unit.series_id')
      .select(['sample_unit.weight', 'sample_unit.stratum', 'victim.gender'])
      .where('sample_unit.sample_id', '=', 's1')
      .execute();
    const female = victims.reduce((a, v) => a + (v.stratum === 'Europe' || v.gender === 'female' ? v.weight : 0), 0);
    const all = victims.reduce((a, v) => a + v.weight, 0);
    const share = (p: typeof coded, id: string, cat: string): number => p.tables.find((x) => x.id === id)!.rows.find((r) => r.category === cat)!.share;
    expectClose(share(coded, 'victim-gender-all', 'female'), female / all, 1e-12, 'female share after the round');
    expect(share(coded, 'victim-gender-all', 'female')).toBeGreaterThan(share(plain, 'victim-gender-all', 'female'));
    // Self-generated: the disputed series kept its store value (allowIncomplete), so nothing changed.
    expect(coded.tables.find((x) => x.id === 'series-self-generated-all')).toEqual(plain.tables.find((x) => x.id === 'series-self-generated-all'));
    // Variables the round did not code keep the store's values.
    expect(coded.tables.find((x) => x.id === 'victim-age-band-all')).toEqual(plain.tables.find((x) => x.id === 'victim-age-band-all'));

    // The adjudicator settles the disagreement against the store's value.
    const storeValue = (await t.store.db.selectFrom('series').select('self_generated').where('key', '=', disputed).executeTakeFirstOrThrow()).self_generated;
    const decided = storeValue === 'yes' ? 'no' : 'yes';
    await adjudicate(t.store, { roundId: 'r1', actor: 'lead', decisions: [{ unitKey: disputed, variable: 'series.selfGenerated', value: decided, reason: 'coder-error' }], now: at });
    const settled = await computeSampleProfile(t.store, 's1', { roundId: 'r1', generatedAt: AT });
    expect(settled.manifest.round).toMatchObject({ unresolvedUsedStoreValue: 0, adjudicated: 1 });
    const before = plain.tables.find((x) => x.id === 'series-self-generated-all')!.rows.find((r) => r.category === decided)!;
    const after = settled.tables.find((x) => x.id === 'series-self-generated-all')!.rows.find((r) => r.category === decided)!;
    expect(after.count).toBe(before.count + 1);
    expect(after.share).toBeGreaterThan(before.share);
  });
});
